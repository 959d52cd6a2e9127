// Progressive enhancement: a "copy" button for the survey link (the field is selectable without it).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-select-on-focus]").forEach((field) => {
    field.addEventListener("focus", () => field.select());
  });
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    const field = document.getElementById(button.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(field.value).then(() => {
        button.textContent = button.getAttribute("data-done") || button.textContent;
      });
    });
  });
});
