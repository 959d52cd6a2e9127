// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to an error summary so screen-reader and keyboard users land on it.
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
  // One-time form tokens (core/idempotency.py): browsers restore a field on Back only when its
  // value differs from the one in the HTML, so keep the value and clear the HTML default. Going
  // Back and submitting again then sends the token already used, and lands on the first result.
  document.querySelectorAll("input[name=form_token]").forEach((input) => {
    const token = input.value;
    input.value = token;
    input.defaultValue = "";
  });
  // Ask before destructive actions: forms marked with data-confirm.
  document.body.addEventListener("submit", (event) => {
    const message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
});
