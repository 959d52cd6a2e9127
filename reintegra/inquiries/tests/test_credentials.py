"""Codes and passphrases: not guessable, forgiving when typed from paper, never compared in variable time."""

from reintegra.inquiries import credentials


def test_the_code_carries_80_bits_and_the_passphrase_100():
    assert len(credentials.CODE_ALPHABET) == 32 and len(set(credentials.CODE_ALPHABET)) == 32
    assert credentials.CODE_LENGTH * 5 >= 80
    assert credentials.PASSPHRASE_LENGTH * 5 >= 100
    codes = {credentials.code_new() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(credentials.code_normalise(code)) == 16 for code in codes)


def test_typing_variants_of_a_code_find_the_same_digest():
    code = credentials.code_new()
    assert credentials.code_digest(code.lower().replace("-", " ")) == credentials.code_digest(code)


def test_an_unknown_code_still_costs_a_hash():
    hashed = credentials.passphrase_hash("abcd-efgh")
    assert credentials.passphrase_matches("ABCD EFGH", hashed)
    assert not credentials.passphrase_matches("abcd-efgh", None)


def test_a_huge_passphrase_is_cut_before_hashing_and_never_matches():
    hashed = credentials.passphrase_hash("abcd-efgh")
    assert not credentials.passphrase_matches("abcdefgh" + "x" * 1_000_000, hashed)
