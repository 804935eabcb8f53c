<?php
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

/**
 * santral's OpenCart plugin on a real MariaDB holding OpenCart 3.0's
 * tables: every route, every stored phone form, injection attempts on every
 * parameter, the status change through the order model, the session and
 * IP checks, the match key against santral's, and `santral simulate
 * --shop-url` playing the PBX against it over HTTP (3.0 and 2.3 tokens).
 */
final class PluginTest extends TestCase
{
    private const KEY = 'k3y-for-the-harness-0123456789abcdef';
    private static mysqli $link;
    private string $token = '';
    private string $today = '';

    public static function setUpBeforeClass(): void
    {
        self::$link = santral_oc_mysqli();
    }

    protected function setUp(): void
    {
        $link = self::$link;
        foreach (['api', 'api_ip', 'api_session', 'order', 'order_history', 'order_status', 'setting', 'santral_harness_calls'] as $t) {
            $link->query("DROP TABLE IF EXISTS `oc_$t`");
        }
        $link->multi_query((string) file_get_contents(__DIR__ . '/harness/schema.sql'));
        while ($link->more_results() && $link->next_result()) {
        }
        $this->assertSame('', $link->error, 'the schema loads');
        $link->query('CREATE TABLE oc_santral_harness_calls (order_id int, order_status_id int, notify tinyint)');
        $this->sql("INSERT INTO oc_api SET api_id = 1, username = 'bulutsantralim', `key` = '" . self::KEY . "', status = 1, date_added = NOW(), date_modified = NOW()");
        $this->sql("INSERT INTO oc_api_ip (api_id, ip) VALUES (1, '127.0.0.1'), (1, '194.49.126.36')");
        $this->sql("INSERT INTO oc_setting (store_id, code, `key`, value, serialized) VALUES (0, 'config', 'config_language_id', '1', 0)");
        // A Turkish shop's status names (OpenCart's are English).
        $this->sql("UPDATE oc_order_status SET name = 'Onay Bekliyor' WHERE order_status_id = 1");
        $this->token = bin2hex(random_bytes(13));
        $this->sql("INSERT INTO oc_api_session SET api_id = 1, session_id = '{$this->token}', ip = '127.0.0.1', date_added = NOW(), date_modified = NOW()");
        $this->today = date('Y-m-d');
    }

    private function sql(string $q): mysqli_result|bool
    {
        $r = self::$link->query($q);
        $this->assertNotFalse($r, self::$link->error . " in $q");
        return $r;
    }

    /** @param array<string,string|int> $o */
    private function order(array $o): void
    {
        $o += ['firstname' => 'Ali', 'lastname' => 'Veli', 'email' => 'a@example.com', 'payment_method' => 'Kapıda Ödeme', 'payment_code' => 'cod',
            'order_status_id' => 1, 'date_added' => $this->today . ' 09:00:00', 'date_modified' => $this->today . ' 09:00:00', 'total' => '120.5000',
            'store_name' => 'Mağaza', 'currency_code' => 'TRY'];
        $set = [];
        foreach ($o as $k => $v) {
            $set[] = "`$k` = '" . self::$link->real_escape_string((string) $v) . "'";
        }
        $this->sql('INSERT INTO oc_order SET ' . implode(', ', $set));
    }

    /**
     * One request through the harness's front controller.
     * @param array<string,string> $get
     * @return array{0:mixed,1:string}
     */
    private function call(string $route, array $get, string $ip = '127.0.0.1', bool $token = true): array
    {
        $get = ['route' => 'api/verimor/' . $route] + ($token ? ['api_token' => $this->token] : []) + $get;
        $registry = santral_oc_registry(self::$link, new Request($get, [], ['REMOTE_ADDR' => $ip]));
        $out = santral_oc_dispatch($registry)->getOutput();
        return [json_decode($out, true), $out];
    }

    private function snapshot(): string
    {
        $all = '';
        foreach (['oc_order', 'oc_order_history', 'oc_api', 'oc_api_ip', 'oc_setting', 'oc_santral_harness_calls'] as $t) {
            $r = self::$link->query("SELECT * FROM $t ORDER BY 1");
            $all .= $t . json_encode($r instanceof mysqli_result ? $r->fetch_all() : null);
        }
        return md5($all);
    }

    public function testListsTodaysPendingCashOnDeliveryOrdersInTheVendorsShape(): void
    {
        $this->order(['order_id' => 1, 'telephone' => '0532 123 45 67', 'date_added' => "{$this->today} 09:00:00"]);
        $this->order(['order_id' => 2, 'telephone' => '05051112233', 'date_added' => "{$this->today} 10:00:00", 'payment_method' => 'Cash on Delivery', 'payment_code' => 'cod']);
        $this->order(['order_id' => 3, 'telephone' => '05051112233', 'payment_method' => 'Kredi Kartı', 'payment_code' => 'card']);
        $this->order(['order_id' => 4, 'telephone' => '05051112233', 'order_status_id' => 2]);
        $this->order(['order_id' => 5, 'telephone' => '05051112233', 'date_added' => date('Y-m-d', time() - 86400 * 2) . ' 12:00:00']);
        $this->order(['order_id' => 6, 'telephone' => '05051112233', 'payment_method' => 'Kapıda Ödeme (nakit)', 'payment_code' => 'cod', 'date_added' => "{$this->today} 11:00:00"]);
        [$json, $raw] = $this->call('list_orders', ['date_added' => "{$this->today} 00:00:00"]);
        $this->assertSame([1, 2, 6], array_map('intval', array_column($json[0], 'order_id')), $raw);
        $this->assertSame(['order_id', 'firstname', 'lastname', 'telephone', 'date_added', 'total'], array_keys($json[0][0]));
        foreach ($json[0][0] as $v) {
            $this->assertIsString($v, 'every value is a string, as OpenCart answers');
        }
        [$json] = $this->call('list_orders', ['date_added' => "{$this->today} 09:30:00"]);
        $this->assertSame(['2', '6'], array_column($json[0], 'order_id'), 'strictly after date_added');
        [$json, $raw] = $this->call('list_orders', ['date_added' => "{$this->today} 23:59:59"]);
        $this->assertSame('[false]', $raw, 'none: [false], as the vendor plugin answers');
        foreach (['', '2026-02-30 10:00:00', "{$this->today}", "{$this->today} 00:00:00' OR '1'='1", "{$this->today}T00:00:00"] as $bad) {
            [$json] = $this->call('list_orders', ['date_added' => $bad]);
            $this->assertIsString($json['error']['warning'] ?? null, "refused: $bad");
        }
    }

    public function testFindsEveryStoredFormOfTheCallersNumber(): void
    {
        $forms = [
            11 => '+90 (532) 123 45 67', 12 => '0505 987 65 43', 13 => '0532 765 43 21', 14 => '5334979714', 15 => '905441112233',
            16 => '0 (212) 963-01-31', 17 => '+90 0 542 222 33 44', 18 => '0090 543 333 44 55', 19 => '0532/888.77.66', 20 => '+49 30 27590915',
        ];
        foreach ($forms as $id => $tel) {
            $this->order(['order_id' => $id, 'telephone' => $tel, 'order_status_id' => 2, 'date_added' => "{$this->today} 08:00:00"]);
        }
        $asked = [
            11 => ['905321234567', '5321234567', '05321234567', '+905321234567'], 12 => ['905059876543'], 13 => ['5327654321'], 14 => ['905334979714', '05334979714'],
            15 => ['5441112233'], 16 => ['902129630131'], 17 => ['905422223344'], 18 => ['5433334455'], 19 => ['905328887766'], 20 => ['+493027590915', '00493027590915'],
        ];
        foreach ($asked as $id => $numbers) {
            foreach ($numbers as $n) {
                [$json, $raw] = $this->call('get_order_by_telephone_number', ['telephone' => $n]);
                $this->assertSame('success', $json['status'] ?? null, "$n finds {$forms[$id]}: $raw");
                $this->assertSame((string) $id, $json['order']['order_id']);
            }
        }
        [$json] = $this->call('get_order_by_telephone_number', ['telephone' => '5321234567']);
        $this->assertSame('Processing', $json['order']['order_status'], "the status's name in the shop's language");
        $this->assertArrayHasKey('date_modified', $json['order'], 'the whole order row, as the vendor plugin answers');
        // Newest first; an abandoned checkout (status 0) is no order.
        $this->order(['order_id' => 30, 'telephone' => '0532 123 45 67', 'order_status_id' => 1, 'date_added' => "{$this->today} 09:00:00"]);
        $this->order(['order_id' => 31, 'telephone' => '05321234567', 'order_status_id' => 0, 'date_added' => "{$this->today} 10:00:00"]);
        [$json] = $this->call('get_order_by_telephone_number', ['telephone' => '905321234567']);
        $this->assertSame('30', $json['order']['order_id']);
        $this->assertSame('Onay Bekliyor', $json['order']['order_status']);
        // Numbers that share the last digits are other people.
        foreach (['905331234567', '4321234567', '1234567', '', 'yok'] as $other) {
            [$json, $raw] = $this->call('get_order_by_telephone_number', ['telephone' => $other]);
            $this->assertSame(['status' => 'not found'], $json, "$other: $raw");
        }
    }

    public function testInjectionAttemptsReadNothingAndChangeNothing(): void
    {
        $this->order(['order_id' => 41, 'telephone' => '05321234567']);
        $this->order(['order_id' => 42, 'telephone' => "1' OR '1'='1"]);
        $this->order(['order_id' => 43, 'telephone' => '05051112233', 'order_status_id' => 5]);
        $payloads = ["'", "' OR '1'='1", "1' OR '1'='1' -- ", '1 OR 1=1', "5321234567' UNION SELECT * FROM oc_api -- ", '%', '_', '\\', "\\' OR 1=1 #",
            '1; UPDATE oc_order SET order_status_id=7', "0x27", "5321234567\0' OR '1'='1", "41' OR order_id='43", '%27%20OR%201%3D1', str_repeat('9', 5000)];
        $before = $this->snapshot();
        foreach ($payloads as $p) {
            [$json, $raw] = $this->call('get_order_by_telephone_number', ['telephone' => $p]);
            $this->assertSame(['status' => 'not found'], $json, 'telephone ' . json_encode($p) . ": $raw");
            [$json, $raw] = $this->call('list_orders', ['date_added' => $p]);
            $this->assertIsString($json['error']['warning'] ?? null, 'date_added ' . json_encode($p) . ": $raw");
            foreach ([['order_id' => $p, 'status' => '2'], ['order_id' => '41', 'status' => $p]] as $args) {
                [$json, $raw] = $this->call('update_order_status', $args);
                $this->assertIsString($json['error'] ?? null, 'update ' . json_encode($args) . ": $raw");
            }
            [$json, $raw] = $this->call('list_orders', ['date_added' => "{$this->today} 00:00:00", 'api_token' => $p]);
        }
        $this->assertSame($before, $this->snapshot(), 'nothing changed');
        // No request text reached SQL as written: every statement the plugin
        // ran holds the payloads only escaped or not at all.
        $registry = santral_oc_registry(self::$link, new Request(['route' => 'api/verimor/get_order_by_telephone_number', 'api_token' => $this->token, 'telephone' => "' OR '1'='1"], [], ['REMOTE_ADDR' => '127.0.0.1']));
        santral_oc_dispatch($registry);
        foreach ($registry->get('db')->log as $q) {
            $this->assertStringNotContainsString("' OR '1'='1", $q);
        }
    }

    public function testStatusChangesGoThroughTheOrderModelAndOnlyToAllowedStatuses(): void
    {
        $this->order(['order_id' => 51, 'telephone' => '05321234567']);
        $this->order(['order_id' => 52, 'telephone' => '05321234567']);
        $this->order(['order_id' => 53, 'telephone' => '05321234567', 'order_status_id' => 3]);
        [$json, $raw] = $this->call('update_order_status', ['order_id' => '51', 'status' => '2']);
        $this->assertSame('{"order":null}', $raw, 'the reply the PBX expects');
        $row = $this->sql('SELECT order_status_id, date_modified FROM oc_order WHERE order_id = 51')->fetch_assoc();
        $this->assertSame('2', $row['order_status_id']);
        $this->assertNotSame("{$this->today} 09:00:00", $row['date_modified'], 'date_modified moves');
        $calls = $this->sql('SELECT order_id, order_status_id, notify FROM oc_santral_harness_calls')->fetch_all();
        $this->assertSame([['51', '2', '0']], $calls, "through the order model's addOrderHistory, no notification by default");
        $h = $this->sql('SELECT comment FROM oc_order_history WHERE order_id = 51')->fetch_all();
        $this->assertSame([['Bulutsantralim OtoIVR Kapıda Ödeme Onayı Araması']], $h);
        // Once decided, the PBX cannot change it again; nor an order it never called.
        foreach ([['51', '7'], ['53', '7'], ['999', '2'], ['0', '2'], ['-1', '2'], ['52', '5'], ['52', '0'], ['52', ''], ['', '2'], ['52', '2.0']] as [$id, $st]) {
            [$json, $raw] = $this->call('update_order_status', ['order_id' => $id, 'status' => $st]);
            $this->assertIsString($json['error'] ?? null, "order $id to $st refused: $raw");
        }
        $this->assertSame('1', $this->sql('SELECT order_status_id FROM oc_order WHERE order_id = 52')->fetch_row()[0]);
        // The owner's settings: other statuses, a notification, another pending status.
        $this->sql("INSERT INTO oc_setting (store_id, code, `key`, value, serialized) VALUES (0, 'santral_verimor', 'santral_verimor_statuses', '15, 7', 0),"
            . " (0, 'santral_verimor', 'santral_verimor_notify', '1', 0)");
        [, $raw] = $this->call('update_order_status', ['order_id' => '52', 'status' => '2']);
        $this->assertStringContainsString('error', $raw, '2 is no longer allowed');
        [, $raw] = $this->call('update_order_status', ['order_id' => '52', 'status' => '15']);
        $this->assertSame('{"order":null}', $raw);
        $this->assertSame(['52', '15', '1'], $this->sql('SELECT * FROM oc_santral_harness_calls WHERE order_id = 52')->fetch_row());
    }

    public function testOnlyTheApiUsersSessionFromAnAllowedAddressGetsIn(): void
    {
        $this->order(['order_id' => 61, 'telephone' => '05321234567']);
        $routes = [['list_orders', ['date_added' => "{$this->today} 00:00:00"]], ['get_order_by_telephone_number', ['telephone' => '5321234567']],
            ['update_order_status', ['order_id' => '61', 'status' => '2']]];
        $refused = function (string $why, string $ip = '127.0.0.1', bool $token = true) use ($routes): void {
            foreach ($routes as [$route, $args]) {
                [$json, $raw] = $this->call($route, $args, $ip, $token);
                $msg = $route === 'list_orders' ? ($json['error']['warning'] ?? null) : ($json['error'] ?? null);
                $this->assertSame('Warning: You do not have permission to access the API!', $msg, "$why: $route: $raw");
            }
        };
        $refused('no token', '127.0.0.1', false);
        $refused('another address', '10.0.0.9');
        // The address removed after the login: the plugin's own check.
        $this->sql("UPDATE oc_api_ip SET ip = '127.0.0.2' WHERE ip = '127.0.0.1'");
        $registry = santral_oc_registry(self::$link, new Request(['route' => 'api/verimor/list_orders', 'date_added' => "{$this->today} 00:00:00"], [], ['REMOTE_ADDR' => '127.0.0.1']));
        $registry->get('session')->data['api_id'] = 1;
        $this->assertStringContainsString('permission', santral_oc_dispatch($registry)->getOutput());
        $this->sql("UPDATE oc_api_ip SET ip = '127.0.0.1' WHERE ip = '127.0.0.2'");
        $this->sql('UPDATE oc_api SET status = 0');
        $refused('API user disabled');
        $this->assertSame('1', $this->sql('SELECT order_status_id FROM oc_order WHERE order_id = 61')->fetch_row()[0]);
    }

    public function testTheMatchKeyIsSantrals(): void
    {
        $santral = new \Santral\Santral(getenv('SANTRAL_LIB'));
        $inputs = [];
        foreach (file(__DIR__ . '/../../../conformance/vectors.jsonl') ?: [] as $line) {
            $v = json_decode($line, true);
            if (!in_array($v['entry'], ['phone', 'match_key', 'same_number'], true)) {
                continue;
            }
            foreach (['input', 'a', 'b'] as $k) {
                if (is_string($v['args'][$k] ?? null)) {
                    $inputs[$v['args'][$k]] = true;
                }
            }
        }
        // And the forms shops store, generated: every leading group of the
        // plan, written the ways customers type them.
        mt_srand(7);
        $ways = [
            fn (string $n) => '0' . $n, fn (string $n) => '+90' . $n, fn (string $n) => '90' . $n, fn (string $n) => $n, fn (string $n) => '0090' . $n,
            fn (string $n) => '0 (' . substr($n, 0, 3) . ') ' . substr($n, 3, 3) . ' ' . substr($n, 6, 2) . ' ' . substr($n, 8),
            fn (string $n) => '+90 (' . substr($n, 0, 3) . ') ' . substr($n, 3, 3) . '-' . substr($n, 6, 2) . '-' . substr($n, 8),
            fn (string $n) => '+90 0' . substr($n, 0, 3) . ' ' . substr($n, 3), fn (string $n) => '0' . substr($n, 0, 3) . '/' . substr($n, 3, 3) . '.' . substr($n, 6),
            fn (string $n) => '0' . substr($n, 0, 9), fn (string $n) => '0' . $n . '1',
        ];
        for ($i = 0; $i < 3000; $i++) {
            $n = sprintf('%03d%07d', mt_rand(200, 999), mt_rand(0, 9999999));
            $inputs[$ways[$i % count($ways)]($n)] = true;
        }
        foreach (['+90 (532) 123 45 67', '0505 987 65 43', '+90 0 542 222 33 44', '0090 543 333 44 55', '444 1 234', '4441234', '0850 532 12 34',
            '0800 123 45 67', '(0212) 963 01 31', '1001', '911', '+44 20 7946 0958', '+1 (202) 456-1111', '0532-123', '+90', '00', 'yok', '+', '05321234567 ',
            '00 90 532 123 45 67', '90 532 123 45 67', '5321234567', '+905321234567', '905321234567'] as $x) {
            $inputs[$x] = true;
        }
        // Wherever santral reads a number, the plugin's key is santral's.
        // Where santral refuses a well-formed Turkish number because its
        // range is unassigned (6xx, 7xx, 9xx…: the plan's validity, which
        // plain PHP does not carry), the plugin still compares its digits —
        // a lookup, not a check: a typo stored is found by the same typo.
        $agree = $refusedBoth = $unassigned = 0;
        $differ = [];
        foreach (array_keys($inputs) as $x) {
            $x = (string) $x;
            try {
                $want = $santral->matchKey($x);
            } catch (\Santral\SantralException) {
                $want = null;
            }
            $got = santral_match_key($x);
            if ($want !== null && $got === $want) {
                $agree++;
            } elseif ($want === null && $got === null) {
                $refusedBoth++;
            } elseif ($want === null && preg_match('/^[2-9][0-9]{9}$/', (string) $got)) {
                $unassigned++;
            } else {
                $differ[] = json_encode($x) . ': santral ' . json_encode($want) . ', plugin ' . json_encode($got);
            }
        }
        $this->assertGreaterThan(1500, $agree);
        $this->assertSame([], $differ, "$agree agree, $refusedBoth refused by both, $unassigned unassigned ranges");
        fwrite(STDERR, "match key: $agree inputs agree with santral, $refusedBoth refused by both, $unassigned in unassigned Turkish ranges (digits compared)\n");
    }

    /** @return array{0:int,1:string,2:mixed} */
    private function simulate(string $url, array $extra): array
    {
        $report = tempnam(sys_get_temp_dir(), 'santral-oc-report-');
        $cmd = array_merge([getenv('SANTRAL_BIN'), 'simulate', '--shop-url', $url, '--speed', '0', '--shop-report', $report], $extra);
        $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
        $code = proc_close($p);
        $r = json_decode((string) file_get_contents($report), true);
        unlink($report);
        return [$code, $out, $r];
    }

    public function testTheSimulatedPbxRunsItsFlowAgainstThePluginOnOpenCart30And23(): void
    {
        foreach (['3', '2'] as $version) {
            $this->setUp();
            $ids = [];
            foreach (['+90 (532) 123 45 67', '0505 987 65 43', '05327654321', '5334979714', '905441112233', '0 (542) 222-33-44'] as $i => $tel) {
                $this->order(['order_id' => 70 + $i, 'telephone' => $tel, 'date_added' => $this->today . ' 0' . (1 + $i) . ':00:00']);
                $ids[] = 70 + $i;
            }
            $this->order(['order_id' => 80, 'telephone' => 'yok']);
            $this->order(['order_id' => 81, 'telephone' => '05051112233', 'payment_method' => 'Kredi Kartı', 'payment_code' => 'card']);
            $served = new \Santral\Tests\Served(__DIR__ . '/harness/index.php', [], [
                'SANTRAL_OC_DB' => (string) getenv('SANTRAL_OC_DB'), 'SANTRAL_OC_DATABASE' => (string) getenv('SANTRAL_OC_DATABASE'), 'SANTRAL_OC_VERSION' => $version]);
            [$code, $out, $r] = $this->simulate($served->url, ['--shop-key', self::KEY, '--shop-opencart', $version, '--shop-audit']);
            $this->assertSame(0, $code, "OpenCart $version: the audit finds nothing: $out");
            $this->assertSame('safe', $r['audit']['verdict']);
            [$code, $out, $r] = $this->simulate($served->url, ['--shop-key', self::KEY, '--shop-opencart', $version, '--seed', '7', '--shop-rounds', '6',
                '--shop-attempts', '6', '--shop-caller-id', '908505320000', '--shop-announcement', '12', '--shop-representative', 'user/1001',
                '--shop-lookup', '+90 533 497 97 14', '--shop-lookup', '0532 765 43 21', '--shop-lookup', '0212 000']);
            $this->assertSame(0, $code, "OpenCart $version: the flow runs clean: $out");
            $called = array_column($r['orders'], 'order_id');
            sort($called);
            $this->assertSame($ids, $called, "OpenCart $version: exactly the pending cash-on-delivery orders with a phone were called");
            $this->assertSame(1, $r['not_called'], 'the order without a phone is seen, not called');
            $this->assertSame([], $r['shop_errors']);
            $this->assertTrue($r['confirmed'] > 0 && $r['cancelled'] > 0, 'the seeded calls confirm some and cancel others');
            $decided = $this->sql('SELECT order_id, order_status_id FROM oc_santral_harness_calls ORDER BY order_id')->fetch_all();
            $this->assertSame($r['confirmed'] + $r['cancelled'], count($decided), 'each decision went through the order model once');
            foreach ($decided as [$id, $status]) {
                $this->assertContains($status, ['2', '7']);
                $this->assertSame($status, $this->sql("SELECT order_status_id FROM oc_order WHERE order_id = $id")->fetch_row()[0]);
            }
            $lookups = array_map(fn (array $l) => [$l['result'], $l['order_id'] ?? null], $r['lookups']);
            $this->assertSame([['found', 73], ['found', 72], ['not_a_phone', null]], $lookups,
                "OpenCart $version: +90 533 497 97 14 finds 5334979714, 0532 765 43 21 finds 05327654321");
            unset($served);
        }
    }
}
