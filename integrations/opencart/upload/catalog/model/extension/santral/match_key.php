<?php
/**
 * santral's match key in plain PHP (no FFI: shared hosts disable it): the
 * key two ways of writing one subscriber's number share — the national
 * number for Turkey (`0532 123 45 67`, `+90 (532) 123 45 67`, `90532…` and
 * `5321234567` all give `5321234567`), `+` and the digits for other
 * countries, the digits of a short internal number. The rules are
 * santral's (`santral::phone::match_key`, read leniently, extensions
 * accepted); PHPUnit compares this function with the library on every
 * phone input of the conformance vectors.
 *
 * @return string|null null when the text is no phone number
 */
function santral_match_key($text)
{
    if (!is_string($text) || strlen($text) > 64) {
        return null;
    }
    $digits = '';
    $plus = false;
    $n = strlen($text);
    for ($i = 0; $i < $n; $i++) {
        $c = $text[$i];
        if ($c === '(' && substr($text, $i, 3) === '(0)' && $digits !== '' && ($plus || substr($digits, 0, 2) === '00')) {
            $i += 2; // "+44 (0)20 …": the trunk zero written after the country code
            continue;
        }
        if ($c >= '0' && $c <= '9') {
            $digits .= $c;
        } elseif ($c === '+' && $digits === '' && !$plus) {
            $plus = true;
        } elseif (strpos(' -.()/', $c) === false) {
            return null; // a letter, `yok`, an `ext.`: not a number
        }
    }
    $len = strlen($digits);
    if ($len === 0 || $len > 17) {
        return null;
    }
    if ($plus) {
        return santral_match_key_international($digits);
    }
    if (substr($digits, 0, 2) === '00') {
        return santral_match_key_international(substr($digits, 2));
    }
    if ($digits[0] === '0') {
        return santral_match_key_turkish(substr($digits, 1), false);
    }
    if (substr($digits, 0, 2) === '90' && $len >= 9 && $len !== 10) {
        return santral_match_key_turkish(substr($digits, 2), true);
    }
    // Bare digits: a Turkish national number, else a short internal number.
    if ($len === 10 || (($len === 12 || $len === 13) && substr($digits, 0, 3) === '800')) {
        return santral_match_key_turkish($digits, false);
    }
    if ($len === 7 && substr($digits, 0, 3) === '444') {
        return $digits; // a UAN (444 xxxx), dialled without 0
    }
    return ($len >= 2 && $len <= 8) ? $digits : null;
}

/** After `+` or `00`. */
function santral_match_key_international($digits)
{
    if (substr($digits, 0, 2) === '90') {
        return santral_match_key_turkish(substr($digits, 2), true);
    }
    $len = strlen($digits);
    if ($len < 3 || $len > 15 || $digits[0] === '0') {
        return null;
    }
    return '+' . $digits;
}

/** A Turkish national significant number ($abroad: written with 90). */
function santral_match_key_turkish($nsn, $abroad)
{
    if ($abroad && substr($nsn, 0, 1) === '0') {
        $nsn = substr($nsn, 1); // "+90 (0) 532 …"
    }
    $len = strlen($nsn);
    if ($len === 10 && strpos('2345689', $nsn[0]) !== false) {
        return $nsn;
    }
    if (($len === 12 || $len === 13) && substr($nsn, 0, 3) === '800') {
        return $nsn; // long toll-free numbers
    }
    if ($len === 7 && !$abroad && $nsn[0] === '4') {
        return $nsn; // seven digits: 444 xxxx and its neighbours, national only
    }
    return null;
}
