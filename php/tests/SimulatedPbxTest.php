<?php
declare(strict_types=1);

namespace Santral\Tests;

use PHPUnit\Framework\TestCase;
use Santral\ApiException;
use Santral\Client;
use Santral\Operations;
use Santral\Santral;

/**
 * Every Santral\Client method against `santral simulate` playing the whole
 * PBX (issue 28): each operation succeeds on the state the calls before it
 * made, each documented failure throws its code — without FFI and with it.
 */
final class SimulatedPbxTest extends TestCase
{
    private const KEY = 'K12345678-1234-5678-4321-123456789012';
    private const UUID = 'f3797dfc-a818-11e7-bf70-cb295b6663ce';
    private const SOUND = 'data:audio/mp3;name:anons.mp3;base64,SUQzAwAAAAAHdlRZRVIAAAAGAAAAMjAxMwBU';

    /** @var list<array{0: resource, 1: string}> */
    private array $running = [];

    private function simulator(string $speed): string
    {
        $sock = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) explode(':', (string) stream_socket_get_name($sock, false))[1];
        fclose($sock);
        $log = (string) tempnam(sys_get_temp_dir(), 'sim');
        $proc = proc_open([santral_test_binary(), 'simulate', '--listen', "127.0.0.1:$port", '--key', self::KEY,
            '--speed', $speed, '--seed', '2', '--no-rate-limits'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', $log, 'w']], $pipes);
        $this->assertIsResource($proc);
        $this->running[] = [$proc, $log];
        $deadline = microtime(true) + 20;
        while (!str_contains((string) file_get_contents($log), 'listening on') && microtime(true) < $deadline) {
            usleep(50000);
        }
        return "http://127.0.0.1:$port";
    }

    protected function tearDown(): void
    {
        foreach ($this->running as [$proc, $log]) {
            proc_terminate($proc);
            proc_close($proc);
            @unlink($log);
        }
        $this->running = [];
    }

    private function code(callable $f): string
    {
        try {
            $f();
        } catch (ApiException $e) {
            return $e->codeId;
        }
        $this->fail('no exception');
    }

    /** @return list<array<string, mixed>> */
    private static function rows(mixed $r): array
    {
        return is_array($r) ? array_values($r) : iterator_to_array($r, false);
    }

    public function testEveryMethodAgainstTheSimulatedPbx(): void
    {
        $office = $this->simulator('0');
        $live = $this->simulator('1');
        $called = [];
        // The simulator runs without rate limits: the client need not pace itself.
        foreach ([['pace' => false], ['pace' => false, 'santral' => new Santral(santral_test_library())]] as $options) {
            $c = new Client(self::KEY, $office, $options);
            // Queues and members.
            $this->assertSame([200, 201, 202], array_column(self::rows($c->list_queues()), 'number'));
            $c->set_queue_members('200', [1002, 1000]);
            $this->assertSame([1002, 1000], array_column(self::rows($c->list_queue_members('200')), 'user'));
            $this->assertSame('response.not_found', $this->code(fn () => $c->list_queue_members('205')));
            $this->assertSame('response.extension_not_found', $this->code(fn () => $c->set_queue_members('200', '1000,1009')));
            $this->assertSame([], self::rows($c->list_queue_waiting()));
            // DND and statuses.
            $this->assertTrue($c->set_dnd('1001', 'on'));
            $this->assertSame(['SS_DND'], array_column(self::rows($c->list_user_statuses(user: '1001')), 'status'));
            $this->assertSame('response.extension_not_found', $this->code(fn () => $c->set_dnd('1005', 'on')));
            $this->assertCount(2, self::rows($c->list_agent_statuses(queue: '200')));
            $this->assertContains('908505320000', array_column(self::rows($c->list_caller_ids()), 'number'));
            $c->set_outbound_caller_id('1001', '908505320000');
            // Announcements.
            $a = $c->create_announcement('karşılama', self::SOUND);
            $this->assertContains('karşılama', array_column(self::rows($c->list_announcements()), 'name'));
            $c->update_announcement($a, 'yeni', self::SOUND);
            $c->delete_announcement($a);
            $this->assertSame('response.not_found', $this->code(fn () => $c->delete_announcement($a)));
            $this->assertSame('response.not_found', $this->code(fn () => $c->update_announcement(456, 'x', self::SOUND)));
            // The phone book.
            $g1 = $c->create_contact_group('Müşteriler');
            $g2 = $c->create_contact_group('Arkadaşlarım');
            $c->update_contact_group($g2, 'Dostlar');
            $contact = $c->create_contact('Verimor', '05531234567', birthday: '01.01.1990', birthday_sms: true, group_ids: [$g1, $g2]);
            $c->update_contact($contact, surname: 'Telekomünikasyon');
            $c->delete_contact_group($g1);
            $found = array_values(array_filter(self::rows($c->list_contacts()), fn ($x) => $x['id'] === $contact));
            $this->assertSame(['Telekomünikasyon', true, [$g2]], [$found[0]['surname'], $found[0]['birthday_sms'], $found[0]['group_ids']]);
            $this->assertSame('response.not_found', $this->code(fn () => $c->create_contact('x', '05531234567', group_ids: [$g1])));
            $c->delete_contact($contact);
            $this->assertSame('response.not_found', $this->code(fn () => $c->delete_contact($contact)));
            $this->assertSame('response.not_found', $this->code(fn () => $c->update_contact_group($g1, 'x')));
            $this->assertContains('Dostlar', array_column(self::rows($c->list_contact_groups()), 'name'));
            // Blocked numbers.
            $b = $c->block_number('05531234567');
            $this->assertSame($b, $c->block_number('05531234567'));
            $this->assertSame(['05531234567'], array_column(self::rows($c->list_blocked_numbers()), 'number'));
            $c->unblock_number('+905531234567');
            $this->assertSame([], self::rows($c->list_blocked_numbers()));
            // A fax: sent in simulated time, in /fdrs, its document served.
            $fax = $c->send_fax('902123205072', 'data:application/pdf;base64,JVBERi0xLjQK');
            $deadline = microtime(true) + 10;
            while (self::rows($c->list_fax_orders())[0]['status'] === 'Bekliyor' && microtime(true) < $deadline) {
                usleep(20000);
            }
            $this->assertSame($fax, self::rows($c->list_fax_orders())[0]['id']);
            $records = self::rows($c->list_fax_records(direction: 'outbound', success: true));
            $url = $c->fax_document_url($records[0]['call_uuid']);
            $this->assertStringStartsWith('%PDF-', (string) file_get_contents($url));
            $this->assertSame('response.call_not_found', $this->code(fn () => $c->fax_document_url(self::UUID)));
            // Voicemail, web phone, calls that do not exist.
            $this->assertSame([], self::rows($c->list_voicemails()));
            $this->assertSame('response.not_found', $this->code(fn () => $c->voicemail_url(self::UUID)));
            $this->assertMatchesRegularExpression('/^W[0-9a-f-]{36}$/', $c->create_webphone_token('1000'));
            $this->assertSame('response.extension_not_found', $this->code(fn () => $c->create_webphone_token('1009')));
            foreach (['answer' => [self::UUID], 'hangup' => [self::UUID], 'mute' => [self::UUID, 'on'], 'transfer' => [self::UUID, '1000']] as $m => $args) {
                $this->assertSame('response.no_such_channel', $this->code(fn () => $c->$m(...$args)), $m);
            }
            $this->assertSame('response.call_not_found', $this->code(fn () => $c->recording_url(self::UUID)));
            // Calls in progress, on a real-time clock.
            $d = new Client(self::KEY, $live, $options);
            $bridged = $d->bridge('905321234567', '905423456789', recording_enabled: true);
            $originated = $d->originate('1001', '908505320000');
            $d->mute($originated, 'on');
            $d->answer($originated);
            $d->transfer($originated, '1003');
            $d->hangup($bridged);
            $d->hangup($originated);
            $this->assertSame('response.no_such_channel', $this->code(fn () => $d->hangup($originated)));
            $deadline = microtime(true) + 10;
            $detail = null;
            while ($detail === null && microtime(true) < $deadline) {
                try {
                    $detail = $d->get_cdr($originated);
                } catch (ApiException) {
                    usleep(20000);
                }
            }
            $this->assertStringStartsWith('RIFF', (string) file_get_contents($d->recording_url($originated)));
            // The campaign, CRM and record operations the other tests cover, once here too.
            $this->assertIsArray($d->get_crm_settings());
            $this->assertNotEmpty(self::rows($d->list_cdrs()));
            $called = array_merge($called, ['list_queues', 'set_queue_members', 'list_queue_members', 'list_queue_waiting',
                'set_dnd', 'list_user_statuses', 'list_agent_statuses', 'list_caller_ids', 'set_outbound_caller_id',
                'create_announcement', 'list_announcements', 'update_announcement', 'delete_announcement',
                'create_contact_group', 'update_contact_group', 'create_contact', 'update_contact', 'delete_contact_group',
                'list_contacts', 'delete_contact', 'list_contact_groups', 'block_number', 'list_blocked_numbers',
                'unblock_number', 'send_fax', 'list_fax_orders', 'list_fax_records', 'fax_document_url', 'list_voicemails',
                'voicemail_url', 'create_webphone_token', 'answer', 'hangup', 'mute', 'transfer', 'recording_url', 'bridge',
                'originate', 'get_cdr', 'get_crm_settings', 'list_cdrs']);
        }
        // Every operation but the campaign three and update_crm_settings
        // (ClientTest drives those; they need a webhook receiver) was called.
        $rest = array_diff(array_keys(Operations::ALL), $called);
        sort($rest);
        $this->assertSame(['create_campaign', 'delete_campaign', 'set_campaign_status', 'update_crm_settings'], $rest);
    }
}
