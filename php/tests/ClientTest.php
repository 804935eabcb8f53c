<?php
declare(strict_types=1);

namespace Santral\Tests;

use PHPUnit\Framework\TestCase;
use Santral\ApiException;
use Santral\Client;
use Santral\Operations;
use Santral\Santral;
use Santral\SantralException;

/**
 * Santral\Client: every operation a method; the requests the core writes
 * (checked against the conformance vectors, without FFI and with it); every
 * published reply and documented failure read; real HTTP to a loopback
 * stand-in and to `santral simulate`.
 */
final class ClientTest extends TestCase
{
    private const KEY = 'K12345678-1234-5678-4321-123456789012';

    /** @return list<array<string, mixed>> */
    private static function vectors(string $entry): array
    {
        $out = [];
        foreach (file(__DIR__ . '/../../conformance/vectors.jsonl') ?: [] as $line) {
            $v = json_decode($line, true);
            if ($v['entry'] === $entry) {
                $out[] = $v;
            }
        }
        return $out;
    }

    /** @return array<string, mixed> */
    private static function params(array $args): array
    {
        return array_diff_key($args, ['operation' => 1, 'key' => 1]);
    }

    public function testEveryOperationIsAMethod(): void
    {
        $this->assertCount(45, Operations::ALL);
        foreach (array_keys(Operations::ALL) as $op) {
            $this->assertTrue(method_exists(Client::class, $op), $op);
        }
    }

    public function testWithoutFfiTheRequestsAreTheCores(): void
    {
        $compared = 0;
        foreach (self::vectors('api_request') as $v) {
            $a = $v['args'];
            $want = $v['expected'];
            $op = Operations::ALL[$a['operation']] ?? null;
            if ($op === null || !$want['valid']) {
                continue;
            }
            // Without the library a number to call is sent as written: the
            // vectors whose numbers the core rewrites are the FFI mode's.
            $rewrites = false;
            foreach ($op['params'] as [$name, , $kind]) {
                $value = $a[$name] ?? null;
                if ($kind === 'phone' && is_string($value) && !preg_match('/^(90\d{10}|00\d+)$/', $value)) {
                    $rewrites = true;
                }
            }
            if ($rewrites) {
                continue;
            }
            $c = new Client($a['key'] ?? '', 'http://127.0.0.1:9');
            $got = $c->prepare($a['operation'], self::params($a));
            foreach (['method', 'target', 'content_type', 'body', 'idempotent', 'pool'] as $f) {
                $this->assertSame($want[$f], $got[$f], "{$v['id']} $f");
            }
            if (str_starts_with($a['key'] ?? '', 'K1')) {
                $this->assertSame($want['redacted'], $got['redacted'], "{$v['id']} redacted");
            }
            $compared++;
        }
        $this->assertGreaterThan(40, $compared);
    }

    public function testWithFfiEveryRequestIsTheCores(): void
    {
        $c = new Client(self::KEY, 'http://127.0.0.1:9', ['santral' => new Santral(santral_test_library())]);
        foreach (self::vectors('api_request') as $v) {
            $a = $v['args'];
            if (!isset(Operations::ALL[$a['operation']])) {
                continue;
            }
            $s = new Santral(santral_test_library());
            $got = $s->apiPrepare($a['operation'], $a['key'] ?? '', self::params($a));
            $want = $v['expected'];
            foreach (['method', 'target', 'content_type', 'body', 'redacted', 'idempotent', 'pool', 'valid'] as $f) {
                $this->assertSame($want[$f], $got[$f], "{$v['id']} $f");
            }
            $this->assertSame(array_column($want['diagnostics'], 'code'), array_column($got['diagnostics'], 'code'), $v['id']);
        }
        // An invalid request is refused before anything is sent.
        $this->expectException(SantralException::class);
        $c->create_contact('Ali', '05321234567', birthday_sms: true);
    }

    public function testEveryFailureReadsAsTheCoreReadsIt(): void
    {
        $pure = new Client(self::KEY, 'http://127.0.0.1:9');
        $ffi = new Client(self::KEY, 'http://127.0.0.1:9', ['santral' => new Santral(santral_test_library())]);
        foreach (self::vectors('api_reply') as $v) {
            $a = $v['args'];
            $want = $v['expected']['failure'] ?? null;
            // Without the library a 200's content is not checked field by
            // field (CRM settings, call records): those are the FFI mode's.
            $content = $want !== null && $want['status'] === 200;
            foreach (['pure' => $pure, 'ffi' => $ffi] as $mode => $c) {
                if ($mode === 'pure' && $content) {
                    continue;
                }
                try {
                    $c->readReply($a['operation'], $a['status'], $a['body']);
                    $this->assertNull($want, "$mode {$v['id']}: read a failure as a success");
                } catch (ApiException $e) {
                    $this->assertNotNull($want, "$mode {$v['id']}: {$e->getMessage()}");
                    $this->assertSame($want['code'], $e->codeId, "$mode {$v['id']} {$a['body']}");
                    if ($mode === 'ffi') {
                        $this->assertSame($want['text'], $e->text, $v['id']);
                    }
                    $this->assertStringNotContainsString(self::KEY, $e->getMessage());
                }
            }
        }
    }

    public function testEveryPublishedReplyThroughRealHttp(): void
    {
        $dir = sys_get_temp_dir() . '/santral-vendor-' . getmypid();
        @mkdir($dir);
        $served = new Served(__DIR__ . '/fixtures/vendor_router.php', [], ['SANTRAL_VENDOR_DIR' => $dir]);
        $args = [
            'bridge' => ['905321234567', '905423456789'], 'answer' => ['f3797dfc-a818-11e7-bf70-cb295b6663ce'],
            'hangup' => ['f3797dfc-a818-11e7-bf70-cb295b6663ce'], 'transfer' => ['f3797dfc-a818-11e7-bf70-cb295b6663ce', '1000'],
            'mute' => ['f3797dfc-a818-11e7-bf70-cb295b6663ce', 'on'], 'set_dnd' => ['1010', 'on'],
            'recording_url' => ['12345678-1234-5678-4321-123456789012'], 'list_announcements' => [],
            'delete_announcement' => [21870], 'list_caller_ids' => [], 'set_outbound_caller_id' => ['1001', '908505320001'],
            'list_queues' => [], 'list_queue_waiting' => [], 'list_queue_members' => ['200'],
            'set_queue_members' => ['200', [1000, 1001]], 'list_voicemails' => [], 'voicemail_url' => ['a-1'],
            'list_contact_groups' => [], 'create_contact_group' => ['Müşteriler'], 'update_contact_group' => [20212, 'x'],
            'delete_contact_group' => [20212], 'list_contacts' => [], 'update_contact' => [10203], 'delete_contact' => [10203],
            'list_blocked_numbers' => [], 'block_number' => ['05531234567'], 'unblock_number' => ['05531234567'],
            'list_fax_orders' => [], 'list_fax_records' => [], 'fax_document_url' => ['e28e5d48-05d8-11e8-663a-fde60c59425c'],
            'list_agent_statuses' => [], 'list_user_statuses' => [], 'create_webphone_token' => ['1000'],
        ];
        foreach ([false, true] as $withFfi) {
            $options = ['pace' => false] + ($withFfi ? ['santral' => new Santral(santral_test_library())] : []);
            $c = new Client(self::KEY, $served->url, $options);
            foreach ($args as $op => $a) {
                file_put_contents("$dir/answer.json", json_encode(['status' => 200, 'body' => Operations::ALL[$op]['success']]));
                @unlink("$dir/seen.jsonl");
                $value = $c->$op(...$a);
                if ($value instanceof \Generator) {
                    $value = iterator_to_array($value, false);
                }
                $reply = Operations::ALL[$op]['reply'];
                match ($reply) {
                    'ok', 'plus_ok', 'empty' => $this->assertNull($value, $op),
                    'id' => $this->assertIsInt($value, $op),
                    'dnd' => $this->assertTrue($value, $op),
                    'records' => $this->assertNotEmpty($value, $op),
                    default => $this->assertIsString($value, $op),
                };
                $seen = json_decode(explode("\n", (string) @file_get_contents("$dir/seen.jsonl"))[0], true);
                $this->assertIsArray($seen, "$op: nothing arrived");
                $want = (new Santral(santral_test_library()))->apiPrepare($op, self::KEY, array_combine(
                    array_slice(self::argNames($op), 0, count($a)),
                    $a,
                ));
                $this->assertSame([$want['method'], $want['target'], $want['body']], [$seen['method'], $seen['target'], $seen['body']], $op);
            }
            // A documented failure through HTTP.
            file_put_contents("$dir/answer.json", json_encode(['status' => 400, 'body' => 'No such channel!']));
            try {
                $c->hangup('f3797dfc-a818-11e7-bf70-cb295b6663ce');
                $this->fail('no exception');
            } catch (ApiException $e) {
                $this->assertSame(['response.no_such_channel', 400], [$e->codeId, $e->status]);
            }
        }
        // A paged list is fetched page after page as it is iterated.
        $page = fn (int $n) => file_put_contents("$dir/answer.json", json_encode(['status' => 200, 'body' => sprintf(
            '{"blocked_numbers":[{"id":%d,"number":"905531234567"}],"pagination":{"page":%d,"total_count":3,"total_pages":3,"limit":10}}',
            $n,
            $n,
        )]));
        $c = new Client(self::KEY, $served->url, ['pace' => false]);
        $page(1);
        $pages = 0;
        $ids = [];
        foreach ($c->list_blocked_numbers() as $row) {
            $ids[] = $row['id'];
            $pages++;
            $page($pages + 1);
        }
        $this->assertSame([1, 2, 3], $ids);
        $this->assertSame(3, $pages);
        array_map('unlink', glob("$dir/*") ?: []);
        @rmdir($dir);
    }

    /** @return list<string> the method's parameter names, in order */
    private static function argNames(string $op): array
    {
        return array_map(fn ($p) => $p->getName(), (new \ReflectionMethod(Client::class, $op))->getParameters());
    }

    public function testAgainstTheSimulator(): void
    {
        $sock = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) explode(':', (string) stream_socket_get_name($sock, false))[1];
        fclose($sock);
        $log = tempnam(sys_get_temp_dir(), 'sim');
        $proc = proc_open([santral_test_binary(), 'simulate', '--listen', "127.0.0.1:$port", '--key', self::KEY, '--speed', '0', '--no-rate-limits'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', $log, 'w']], $pipes);
        $deadline = microtime(true) + 20;
        while (!str_contains((string) file_get_contents($log), 'listening on') && microtime(true) < $deadline) {
            usleep(50000);
        }
        try {
            foreach ([[], ['santral' => new Santral(santral_test_library())]] as $options) {
                $c = new Client(self::KEY, "http://127.0.0.1:$port", $options);
                $uuid = $c->originate('1001', '908505320000');
                $this->assertMatchesRegularExpression('/^[0-9a-f-]{36}$/', $uuid);
                $cdrs = $c->list_cdrs();
                $this->assertNotEmpty($cdrs);
                try {
                    $c->delete_campaign(999);
                    $this->fail('no exception');
                } catch (ApiException $e) {
                    $this->assertSame('response.campaign_not_found', $e->codeId);
                }
            }
        } finally {
            proc_terminate($proc);
            proc_close($proc);
            @unlink($log);
        }
    }
}
