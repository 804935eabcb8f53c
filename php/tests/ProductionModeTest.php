<?php
declare(strict_types=1);

namespace Santral\Tests;

use PHPUnit\Framework\TestCase;

/**
 * PHP's default `ffi.enable=preload`: FFI only from preloaded
 * declarations. libsantral is loaded once per server (ffi.preload, or
 * opcache.preload running php/preload.php) and every request's
 * `new \Santral\Santral()` uses that scope — in the CLI and in a web SAPI
 * (where, in addition, only preloaded code may call FFI: opcache.preload
 * compiles the package's classes with php/preload.php).
 */
final class ProductionModeTest extends TestCase
{
    private string $header;

    protected function setUp(): void
    {
        $this->header = tempnam(sys_get_temp_dir(), 'santral-h-');
        file_put_contents($this->header, \Santral\Library::preloadHeader(santral_test_library()));
    }

    protected function tearDown(): void
    {
        @unlink($this->header);
    }

    /** @return array{0:int,1:string} exit status, output */
    private function php(array $args, array $env = []): array
    {
        $p = proc_open(array_merge([PHP_BINARY], $args), [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, sys_get_temp_dir(), $env + ['PATH' => (string) getenv('PATH')]);
        $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
        return [proc_close($p), (string) $out];
    }

    private const SCRIPT = 'require getenv("SANTRAL_PHP") . "/autoload.php"; $s = new Santral\Santral(); echo $s->matchKey("+90 533 497 97 14");';

    public function testFfiPreloadServesTheCliWithNoLibraryNamed(): void
    {
        $php = realpath(__DIR__ . '/..');
        [$code, $out] = $this->php(['-d', 'ffi.enable=preload', '-d', "ffi.preload={$this->header}", '-r', self::SCRIPT], ['SANTRAL_PHP' => $php]);
        $this->assertSame([0, '5334979714'], [$code, $out]);
        // Without the preload, nothing names the library: it is not found.
        [$code] = $this->php(['-d', 'ffi.enable=preload', '-r', self::SCRIPT], ['SANTRAL_PHP' => $php]);
        $this->assertNotSame(0, $code);
    }

    /**
     * A copy of the package, the examples and the library that any user
     * can read (preloading may run as `nobody`; the checkout may not be
     * readable by it).
     */
    private static function publicCopy(): string
    {
        $root = realpath(__DIR__ . '/../..');
        $dir = sys_get_temp_dir() . '/santral-public-' . getmypid() . '-' . bin2hex(random_bytes(3));
        mkdir("$dir/php", 0755, true);
        mkdir("$dir/examples", 0755, true);
        foreach (['src', 'autoload.php', 'preload.php', 'santral_ffi.h'] as $f) {
            exec('cp -r ' . escapeshellarg("$root/php/$f") . ' ' . escapeshellarg("$dir/php/"));
        }
        foreach (['php', 'opencart'] as $f) {
            exec('cp -r ' . escapeshellarg("$root/examples/$f") . ' ' . escapeshellarg("$dir/examples/"));
        }
        copy(santral_test_library(), "$dir/libsantral.so");
        exec('chmod -R a+rX ' . escapeshellarg($dir));
        return $dir;
    }

    private static function isRoot(): bool
    {
        return trim((string) shell_exec('id -u')) === '0';
    }

    public function testOpcachePreloadAsTheServersUser(): void
    {
        // opcache.preload refuses to run FFI::load as root: as root (CI),
        // run the CLI as `nobody`.
        $copy = self::publicCopy();
        $dir = "$copy/php";
        $args = ['-d', 'opcache.enable_cli=1', '-d', "opcache.preload=$dir/preload.php", '-d', 'ffi.enable=preload', '-r', self::SCRIPT];
        $env = ['SANTRAL_PHP' => $dir, 'SANTRAL_LIB' => "$copy/libsantral.so"];
        if (self::isRoot()) {
            $cmd = array_merge(['runuser', '-u', 'nobody', '--', 'env', "SANTRAL_PHP=$dir", "SANTRAL_LIB=$copy/libsantral.so", PHP_BINARY], $args);
            $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, sys_get_temp_dir());
            $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
            $code = proc_close($p);
        } else {
            [$code, $out] = $this->php($args, $env);
        }
        exec('rm -rf ' . escapeshellarg($copy));
        $this->assertSame([0, '5334979714'], [$code, $out]);
    }

    public function testAWebSapiServesTheOpenCartShopFromThePreloadedLibrary(): void
    {
        $db = tempnam(sys_get_temp_dir(), 'santral-shop-');
        unlink($db);
        // In a web SAPI only preloaded code may call FFI: the declarations
        // by ffi.preload (works when the server starts as root), the
        // classes by opcache.preload.
        $copy = self::publicCopy();
        $router = "$copy/examples/opencart/router.php";
        $env = ['SHOP_DB' => $db, 'SHOP_API_KEY' => 'k1'];
        $ini = ['ffi.enable=preload', "ffi.preload={$this->header}", 'opcache.enable=1', 'opcache.enable_cli=1', "opcache.preload=$copy/php/preload.php"];
        if (self::isRoot()) {
            $ini[] = 'opcache.preload_user=nobody';
        }
        $served = new Served($router, $ini, $env);
        [$status, $body] = $served->request('POST', '/index.php?route=api/login', 'username=bulutsantralim&key=k1');
        $this->assertSame(200, $status, $body);
        $token = json_decode($body, true)['api_token'] ?? '';
        $this->assertNotSame('', $token, $body);
        $today = (new \DateTimeImmutable('now', new \DateTimeZone('Europe/Istanbul')))->format('Y-m-d');
        [$status, $body] = $served->request('GET', '/index.php?route=api/verimor/list_orders&date_added=' . rawurlencode("$today 00:00:00") . "&api_token=$token");
        $this->assertSame(200, $status);
        $list = json_decode($body, true);
        $this->assertIsArray($list[0], $body);
        $this->assertNotEmpty($list[0]);
        [, $body] = $served->request('GET', "/index.php?route=api/verimor/get_order_by_telephone_number&telephone=5334979714&api_token=$token");
        $this->assertSame('success', json_decode($body, true)['status'] ?? null, $body);
        [, $body] = $served->request('GET', "/index.php?route=api/verimor/get_order_by_telephone_number&telephone=" . rawurlencode("1' OR '1'='1") . "&api_token=$token");
        $this->assertSame('phone.invalid_character', json_decode($body, true)['diagnostics'][0]['code'] ?? null, $body);
        unset($served);
        // The same server without the preload: PHP refuses FFI in the web SAPI.
        unlink($db);
        $bare = new Served($router, ['ffi.enable=preload'], $env + ['SANTRAL_LIB' => santral_test_library()]);
        [$status] = $bare->request('POST', '/index.php?route=api/login', 'username=bulutsantralim&key=k1');
        $this->assertSame(500, $status);
        unset($bare);
        @unlink($db);
        exec('rm -rf ' . escapeshellarg($copy));
    }
}
