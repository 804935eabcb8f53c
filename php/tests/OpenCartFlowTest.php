<?php
declare(strict_types=1);

namespace Santral\Tests;

use PHPUnit\Framework\TestCase;

/**
 * The OpenCart flow end to end, real parts only: the example shop
 * (examples/opencart) served by PHP's built-in web server over a real
 * SQLite file, and `santral simulate --shop-url` playing the PBX against it.
 * @requires extension pdo_sqlite
 */
final class OpenCartFlowTest extends TestCase
{
    /** Issue 30: without PHP's SQLite driver the example shop says so. */
    public function testTheExampleShopSaysWhenPhpLacksItsSqliteDriver(): void
    {
        $sock = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) explode(':', stream_socket_get_name($sock, false))[1];
        fclose($sock);
        $log = sys_get_temp_dir() . '/santral-nosqlite-' . getmypid() . '.log';
        // -n: no php.ini, so no pdo_sqlite; FFI loaded alone.
        $server = proc_open([PHP_BINARY, '-n', '-d', 'extension=ffi', '-d', 'ffi.enable=1', '-S', "127.0.0.1:$port",
            __DIR__ . '/../../examples/opencart/router.php'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'w'], 2 => ['file', $log, 'a']], $pipes);
        $deadline = microtime(true) + 20;
        while (!($c = @fsockopen('127.0.0.1', $port)) && microtime(true) < $deadline) {
            usleep(50000);
        }
        if ($c) {
            fclose($c);
        }
        $ctx = stream_context_create(['http' => ['ignore_errors' => true]]);
        $body = (string) @file_get_contents("http://127.0.0.1:$port/index.php?route=api/login", false, $ctx);
        proc_terminate($server);
        proc_close($server);
        @unlink($log);
        $status = $http_response_header[0] ?? '';
        $this->assertTrue(str_contains($status, '500') && str_contains($body, 'apt install php-sqlite3'), "said: $status $body");
    }

    public function testTheSimulatedPbxCallsExactlyThePendingCashOnDeliveryOrders(): void
    {
        require_once __DIR__ . '/../../examples/opencart/shop.php';
        $lib = santral_test_library();
        $bin = santral_test_binary();
        $santral = new \Santral\Santral($lib);
        $dir = sys_get_temp_dir() . '/santral-shop-' . getmypid();
        @mkdir($dir);
        $dbPath = "$dir/shop.db";
        @unlink($dbPath);
        $key = 'k-' . bin2hex(random_bytes(8));

        // The sample shop, plus rows a real shop holds: a telephone that is an
        // injection attempt and one that is not a number, both pending cash on
        // delivery today; and a name that is one.
        $db = shop_open($santral, $dbPath, $key);
        $tz = new \DateTimeZone('Europe/Istanbul');
        $today = (new \DateTimeImmutable('now', $tz))->format('Y-m-d');
        foreach ([
            [901, "Robert'); DROP TABLE oc_order;--", 'Tables', '05321112233'],
            [902, 'Ayşe', 'Öztürk', "1' OR '1'='1"],
            [903, 'Kemal', 'Yok', 'yok'],
        ] as [$id, $first, $last, $tel]) {
            shop_add_order($santral, $db, ['order_id' => $id, 'firstname' => $first, 'lastname' => $last, 'telephone' => $tel,
                'payment_method' => 'Kapıda Ödeme', 'order_status_id' => 1, 'date_added' => "$today 07:00:00", 'total' => '1.0000']);
        }
        // The newest order of the caller the lookup test dials, stored as 05334979714.
        shop_add_order($santral, $db, ['order_id' => 950, 'firstname' => 'Ayşe', 'lastname' => 'Öztürk', 'telephone' => '05334979714',
            'payment_method' => 'Kredi Kartı', 'order_status_id' => 3, 'date_added' => "$today 06:00:00", 'total' => '5.0000']);
        $before = [];
        foreach ($db->query('SELECT order_id, order_status_id, payment_method, date_added, telephone FROM oc_order') as $row0) {
            $before[(int) $row0['order_id']] = $row0;
        }

        // Serve it on a free loopback port.
        $sock = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) explode(':', stream_socket_get_name($sock, false))[1];
        fclose($sock);
        $env = ['SANTRAL_LIB' => $lib, 'SHOP_DB' => $dbPath, 'SHOP_API_KEY' => $key, 'PATH' => getenv('PATH')];
        $server = proc_open([PHP_BINARY, '-d', 'ffi.enable=1', '-S', "127.0.0.1:$port", __DIR__ . '/../../examples/opencart/router.php'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$dir/php.log", 'w'], 2 => ['file', "$dir/php.log", 'a']], $pipes, null, $env);
        $deadline = microtime(true) + 20;
        while (!($c = @fsockopen('127.0.0.1', $port)) && microtime(true) < $deadline) {
            usleep(50000);
        }
        $this->assertTrue($c !== false, 'the shop is served');
        if ($c) {
            fclose($c);
        }


        $simulate = function (array $extra) use ($bin, $port, $dir): array {
            $report = "$dir/report-" . count(glob("$dir/report-*")) . '.json';
            $cmd = array_merge([$bin, 'simulate', '--shop-url', "http://127.0.0.1:$port", '--speed', '0', '--shop-report', $report], $extra);
            $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
            $out = stream_get_contents($pipes[1]);
            $err = stream_get_contents($pipes[2]);
            $code = proc_close($p);
            return [$code, $out, $err, file_exists($report) ? json_decode((string) file_get_contents($report), true) : null];
        };

        // A wrong key: the login is refused, nothing else is asked.
        [$code, $out, $err, $r] = $simulate(['--shop-key', 'wrong']);
        $this->assertTrue($code === 1 && $r['logged_in'] === false && $r['shop_errors'][0]['route'] === 'api/login', 'a wrong key is a refused login');
        // The example shop answers as a real OpenCart does ([] with HTTP 200).
        $this->assertTrue($r['shop_errors'][0]['problem'] === 'the shop refused the API key', "the refusal is named: " . $r['shop_errors'][0]['problem']);
        $this->assertTrue($r['shop_errors'][0]['diagnostics'][0]['code'] === 'opencart.key_refused', 'with its own code');

        // The audit probe: the example endpoint checks its values (the core's
        // parse_request), so a telephone holding a quote is refused, not run.
        [$code, $out, $err, $r] = $simulate(['--shop-key', $key, '--shop-audit']);
        $this->assertTrue($code === 0 && $r['audit']['verdict'] === 'safe' && $r['listings'] === 0, "the example shop is not injectable: $out");

        // The flow: enough rounds and attempts that every order is decided.
        [$code, $out, $err, $r] = $simulate(['--shop-key', $key, '--seed', '7', '--shop-rounds', '6', '--shop-attempts', '6',
            '--shop-caller-id', '908505320000', '--shop-announcement', '12', '--shop-representative', 'user/1001',
            '--shop-lookup', '+90 533 497 97 14', '--shop-lookup', '0532 765 43 21', '--shop-lookup', '0212 000']);
        $this->assertTrue(is_array($r), "a report was written: $out $err");
        $r = (array) $r;

        // Who should have been called: pending cash on delivery, added today.
        $cod = ['Kapıda Ödeme', 'Cash on Delivery', 'Kapıda Kredi Kartı ile Ödeme', 'Kapıda Nakit Ödeme'];
        $eligible = [];
        foreach ($before as $id => $o) {
            if ((int) $o['order_status_id'] === 1 && in_array($o['payment_method'], $cod, true) && str_starts_with($o['date_added'], $today)) {
                $eligible[] = $id;
            }
        }
        sort($eligible);
        $callable = array_values(array_diff($eligible, [902, 903]));
        $called = array_column($r['orders'], 'order_id');
        sort($called);
        $this->assertTrue($called === $callable, 'exactly the pending cash-on-delivery orders with a phone were called: ' . json_encode($called));
        $this->assertTrue($r['orders_seen'] === count($eligible) && $r['not_called'] === 2, 'the two orders without a phone were seen, not called');
        $this->assertTrue($r['confirmed'] > 0 && $r['cancelled'] > 0, 'the seeded calls confirm some orders and cancel others');
        $this->assertTrue($r['confirmed'] + $r['cancelled'] + $r['unreachable'] === $r['called'], 'every called order is accounted for');

        // The database holds exactly the statuses the calls decided; nothing else moved.
        $after = [];
        foreach ($db->query('SELECT order_id, order_status_id FROM oc_order') as $row) {
            $after[(int) $row['order_id']] = (int) $row['order_status_id'];
        }
        $decided = [];
        foreach ($r['orders'] as $o) {
            $decided[$o['order_id']] = $o['status_set'];
            $last = end($o['calls']);
            $expect = ['confirmed' => 2, 'cancelled' => 7][$last] ?? null;
            $this->assertTrue($o['status_set'] === $expect, "order {$o['order_id']}: the status follows the last call ($last)");
        }
        $moved = 0;
        foreach ($before as $id => $o) {
            $want = $decided[$id] ?? (int) $o['order_status_id'];
            $this->assertTrue($after[$id] === $want, "order $id holds status $want");
            $moved += (int) ($after[$id] !== (int) $o['order_status_id']);
        }
        $this->assertTrue($moved === $r['confirmed'] + $r['cancelled'], 'only decided orders changed');
        $history = (int) $db->query('SELECT count(*) FROM oc_order_history')->fetchColumn();
        $this->assertTrue($history === $moved, 'each update is in the order history');
        $this->assertTrue(count($after) === count($before), 'no row lost (the injection in a name stayed data)');

        // Lookups: by match key, whatever form the shop stored.
        $lookups = [];
        foreach ($r['lookups'] as $l) {
            $lookups[$l['caller']] = $l;
        }
        $l = $lookups['+90 533 497 97 14'];
        $this->assertTrue($l['result'] === 'found' && $l['order_id'] === 950 && $l['order_status_id'] === 3, '+90 533 497 97 14 finds the newest order, stored as 05334979714: ' . json_encode($l));
        $this->assertTrue($before[950]['telephone'] === '05334979714', 'that order holds the number as 05334979714');
        $this->assertTrue($lookups['0532 765 43 21']['result'] === 'found', "yesterday's customer is found too");
        $this->assertTrue($lookups['0212 000']['result'] === 'not_a_phone' && $lookups['0212 000']['diagnostic']['code'] === 'phone.too_short', 'a caller that is not a number is never sent');

        // Orders without a callable phone are the customers' data, not the
        // shop's fault (issue 31): a finding each, at the field's path, and
        // the shop that answered well exits 0.
        $paths = [];
        foreach ($r['listing_warnings'] as $d) {
            $paths[] = $d['code'] . ' ' . $d['path'];
        }
        $this->assertTrue($code === 0 && $r['shop_errors'] === [], 'a shop that answered well exits 0: ' . json_encode($r['shop_errors']));
        $this->assertTrue(count(array_filter($paths, fn ($p) => str_starts_with($p, 'opencart.order_phone ') && str_ends_with($p, '.telephone'))) >= 2, 'bad telephones are reported at their path: ' . json_encode($paths));
        $this->assertTrue(str_contains($out, 'OpenCart flow:') && str_contains($out, 'listing: ') && str_contains($out, 'opencart.order_phone'), 'the text report names the finding');
        $this->assertTrue(!str_contains($err, $key) && !str_contains(json_encode($r), $key), 'the key is never logged or reported');

        // Every request the shop received was one santral accepts (the shop's
        // router logs each).
        $log = (string) file_get_contents("$dir/php.log");
        preg_match_all('#request: GET (/index\.php\?\S+)#', $log, $m);
        $bad = 0;
        foreach ($m[1] as $uri) {
            parse_str((string) parse_url($uri, PHP_URL_QUERY), $q);
            unset($q['api_token']);
            if (($q['telephone'] ?? null) === "'") {
                continue; // the audit probe, invalid on purpose (and refused)
            }
            $seen = $santral->check('opencart-request', http_build_query($q));
            $bad += (int) !$seen['valid'];
        }
        $this->assertTrue(count($m[1]) > 5 && $bad === 0, 'every route request the PBX sent is valid (' . count($m[1]) . ' requests)');

        proc_terminate($server);
        proc_close($server);
        array_map('unlink', glob("$dir/*"));
        @rmdir($dir);
    }
}
