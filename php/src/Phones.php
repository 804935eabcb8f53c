<?php
declare(strict_types=1);

namespace Santral;

/** Phone numbers: parse, format, compare, match keys. */
trait Phones
{
    /**
     * Parses a phone number; `$flags` are SANTRAL_PHONE_* (0: the core's default,
     * strict with extensions accepted); `$region` reads national forms as written in
     * that region ('DE', any case; null: Turkey's). Every form the number has (null for
     * one it has not).
     * @return array<string,mixed>
     */
    public function parsePhone(string $number, int $flags = SANTRAL_PHONE_DEFAULT, ?string $region = null): array
    {
        $info = $this->ffi->new('santral_phone_info');
        $err = $this->ffi->new('santral_error');
        $r = $this->ffi->santral_phone_parse_in($number, strlen($number), $region, $flags, \FFI::addr($info), \FFI::addr($err));
        $this->raise($r, $err);
        $code = \FFI::string($info->region);
        $phone = [
            'valid' => $info->valid,
            'kind' => \FFI::string($info->kind),
            'country_code' => $info->country_code,
            'region' => $code === '' ? null : $code,
            'national_number' => \FFI::string($info->national_number),
        ];
        $formats = [
            'e164' => SANTRAL_FORMAT_E164, 'wire' => SANTRAL_FORMAT_WIRE, 'national' => SANTRAL_FORMAT_NATIONAL,
            'international' => SANTRAL_FORMAT_INTERNATIONAL, 'display' => SANTRAL_FORMAT_DISPLAY,
            'display_international' => SANTRAL_FORMAT_DISPLAY_INTERNATIONAL,
            'display_in_region' => SANTRAL_FORMAT_DISPLAY_IN_REGION,
        ];
        foreach ($formats as $name => $format) {
            $phone[$name] = $this->formatPhone($number, $format, $flags, $region);
        }
        $phone['match_key'] = \FFI::string($info->match_key);
        $phone['warning'] = $info->warning === 0 ? null : $this->codeId($info->warning);
        return $phone;
    }

    /** One of SANTRAL_FORMAT_*; null when the number has no such form (a 444 number's E.164). */
    public function formatPhone(string $number, int $format, int $flags = SANTRAL_PHONE_DEFAULT, ?string $region = null): ?string
    {
        $err = $this->ffi->new('santral_error');
        return $this->text(
            fn ($buf, $cap, $len) => $this->ffi->santral_phone_format_in($number, strlen($number), $region, $flags, $format, $buf, $cap, $len, \FFI::addr($err)),
            $err,
        );
    }

    public function sameNumber(string $a, string $b): bool
    {
        $same = $this->ffi->new('bool');
        $this->raise($this->ffi->santral_phone_same($a, strlen($a), $b, strlen($b), \FFI::addr($same)));
        return $same->cdata;
    }

    /** The key to store and look a number up by, instead of LIKE '%…'. */
    public function matchKey(string $number): string
    {
        $err = $this->ffi->new('santral_error');
        return (string) $this->text(
            fn ($buf, $cap, $len) => $this->ffi->santral_phone_match_key($number, strlen($number), $buf, $cap, $len, \FFI::addr($err)),
            $err,
        );
    }
}
