<?php
declare(strict_types=1);

namespace Santral;

/**
 * libsantral through PHP FFI. No protocol logic here: every verdict,
 * option default and name comes from the library; this only converts
 * between PHP and C. The methods are split by concern (Phones, Checks,
 * Builders); Native holds the conversions they share.
 *
 *   $s = new \Santral\Santral();                  // preloaded, SANTRAL_LIB, pkg-config, …
 *   $s = new \Santral\Santral('/usr/local/lib/libsantral.so');
 *   $s->matchKey('+90 533 497 97 14');            // "5334979714"
 *   $s->check('campaign', file_get_contents('campaign.json'), ['today' => '2024-06-01']);
 */
final class Santral
{
    use Phones;
    use Checks;
    use Builders;
    use Api;
    use Receiving;
    use Native;

    private \FFI $ffi;

    /** See Library for how the library is found when $library is null. */
    public function __construct(?string $library = null)
    {
        $this->ffi = Library::bind($library);
    }

    public function version(): string
    {
        // FFI returns `const char *` results as PHP strings.
        return (string) $this->ffi->santral_version();
    }

    /** The dotted id of a code number, e.g. "phone.too_short". */
    public function codeId(int $number): ?string
    {
        return $this->ffi->santral_code_id($number);
    }

    public function codeMessage(int $number, int $lang = SANTRAL_LANG_EN): ?string
    {
        return $this->ffi->santral_code_message($number, $lang);
    }

    /** @return list<string> every diagnostic code's dotted id */
    public function codes(): array
    {
        $ids = [];
        for ($i = 0; $i < $this->ffi->santral_code_count(); $i++) {
            $ids[] = (string) $this->codeId($this->ffi->santral_code_at($i));
        }
        return $ids;
    }
    /**
     * Whether a webhook request may be served: the client behind $peer
     * (X-Forwarded-For counts only from $trustedProxies) is in $allow
     * (comma-separated blocks; null: the vendor's own addresses).
     */
    public function clientAllowed(string $peer, ?string $forwardedFor = null, ?string $allow = null, ?string $trustedProxies = null): bool
    {
        $ok = $this->ffi->new('bool');
        $err = $this->ffi->new('santral_error');
        $this->raise($this->ffi->santral_client_allowed($peer, $forwardedFor, $allow, $trustedProxies, \FFI::addr($ok), \FFI::addr($err)), $err);
        return $ok->cdata;
    }

    /**
     * The client behind $peer, as clientAllowed() finds it: the peer, or,
     * when the peer is one of $trustedProxies, the right-most X-Forwarded-For
     * address that is not a trusted proxy. Null when it cannot be known (the
     * peer is not an address, or a trusted proxy forwarded no address).
     */
    public function clientAddress(string $peer, ?string $forwardedFor = null, ?string $trustedProxies = null): ?string
    {
        $err = $this->ffi->new('santral_error');
        return $this->text(fn ($buf, $c, $len) => $this->ffi->santral_client_address($peer, $forwardedFor, $trustedProxies, $buf, $c, $len, \FFI::addr($err)), $err);
    }
}
