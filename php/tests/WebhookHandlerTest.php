<?php
declare(strict_types=1);

namespace Santral\Tests;

use PHPUnit\Framework\TestCase;
use Santral\Santral;
use Santral\SantralException;
use Santral\WebhookHandler;

/** The webhook handler: as a plain callable, through PSR-7/15, and served for real. */
final class WebhookHandlerTest extends TestCase
{
    private const ANSWER = 'event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid=A000001&queue=Destek+%C3%87a%C4%9Fr%C4%B1';

    private Santral $s;

    protected function setUp(): void
    {
        $this->s = new Santral(santral_test_library());
    }

    public function testTheHandlerMapsSantralsVerdictsToHttp(): void
    {
        $seen = [];
        $h = new WebhookHandler($this->s, 'call-event', function (array $e) use (&$seen): void {
            $seen[] = $e;
        }, '127.0.0.1/32');
        [$status] = $h('POST', '', '127.0.0.1');
        $this->assertSame(200, $status, 'the verification ping');
        $this->assertSame([], $seen, 'a ping reaches no callback');
        [$status, , $body] = $h('POST', self::ANSWER, '127.0.0.1');
        $this->assertSame([200, 'OK'], [$status, $body]);
        $this->assertCount(1, $seen);
        $this->assertSame('answer', $seen[0]['summary']['event_type']);
        $this->assertSame('Destek Çağrı', $seen[0]['fields']['queue']);
        [$status, $headers, $body] = $h('POST', 'event_type=nope&direction=inbound&call_uuid=1', '127.0.0.1');
        $this->assertSame(400, $status);
        $this->assertSame('application/json', $headers['Content-Type']);
        $d = json_decode($body, true)['diagnostics'][0];
        $this->assertSame(['event.event_type', 'event_type'], [$d['code'], $d['path']]);
        $this->assertSame(403, $h('POST', self::ANSWER, '203.0.113.9')[0], 'outside the allow-list');
        $this->assertSame(405, $h('GET', '', '127.0.0.1')[0]);
        $this->assertCount(1, $seen, 'nothing else reached the callback');
        // The vendor's addresses by default.
        $vendor = new WebhookHandler($this->s, 'campaign-report', fn (array $e) => null);
        $this->assertSame(200, $vendor('POST', '', '194.49.126.36')[0]);
        $this->assertSame(403, $vendor('POST', '', '127.0.0.1')[0]);
        // Behind a trusted proxy: an undecodable forwarded-for is refused
        // (403, not an exception), and of two joined lines the last counts.
        $proxied = new WebhookHandler($this->s, 'campaign-report', fn (array $e) => null, '194.49.126.36/32', '127.0.0.1/32');
        $this->assertSame(200, $proxied('POST', '', '127.0.0.1', '194.49.126.36')[0]);
        $this->assertSame(403, $proxied('POST', '', '127.0.0.1', "\x80")[0]);
        $this->assertSame(403, $proxied('POST', '', '127.0.0.1', '194.49.126.36, 203.0.113.9')[0]);
    }

    /** Issue 29 #4: the callback gets santral's reading, never parse_str()'s. */
    public function testTheCallbackSeesOnlyTheFieldsSantralChecked(): void
    {
        $seen = [];
        $h = new WebhookHandler($this->s, 'call-event', function (array $e) use (&$seen): void {
            $seen[] = $e['fields'];
        }, '127.0.0.1/32');
        // parse_str() would make `caller.id_number` and `caller id_number`
        // into `caller_id_number`, and `call_uuid[]` into an array.
        $forged = self::ANSWER . "&caller.id_number=%27%3B+DROP+TABLE+x--&caller+id_number=x&call_uuid%5B%5D=y&extra=1";
        [$status] = $h('POST', $forged, '127.0.0.1');
        $this->assertSame(200, $status);
        $fields = $seen[0];
        $this->assertSame('905334979714', $fields['caller_id_number']);
        $this->assertSame('A000001', $fields['call_uuid']);
        $this->assertSame(
            ['event_type', 'direction', 'caller_id_number', 'connected_user', 'call_uuid', 'queue'],
            array_keys($fields),
        );
        foreach ($fields as $value) {
            $this->assertIsString($value);
        }
        // The campaign report's fields likewise.
        $this->assertSame(
            ['ivr_campaign_id' => '7', 'digit' => ''],
            $this->s->formFields('campaign-report', 'digit=&ivr_campaign_id=7&ivr.campaign_id=8'),
        );
    }

    public function testAnUnusableAllowListIsRefusedAtOnce(): void
    {
        $this->expectException(SantralException::class);
        new WebhookHandler($this->s, 'call-event', fn (array $e) => null, '10.0.0.0/33');
    }

    public function testPsr15StyleWithARealPsr7Implementation(): void
    {
        $autoload = '/usr/share/php/Nyholm/Psr7/autoload.php';
        if (!is_file($autoload)) {
            $this->markTestSkipped("Debian's php-nyholm-psr7 is not installed");
        }
        require_once $autoload;
        $factory = new \Nyholm\Psr7\Factory\Psr17Factory();
        $seen = 0;
        $h = new WebhookHandler($this->s, 'call-event', function (array $e) use (&$seen): void {
            $seen++;
        }, '10.0.0.0/8', '192.168.0.0/16');
        $request = $factory->createServerRequest('POST', '/events', ['REMOTE_ADDR' => '192.168.1.1'])
            ->withHeader('X-Forwarded-For', '10.1.2.3')
            ->withBody($factory->createStream(self::ANSWER));
        $response = $h->process($request, $factory, $factory);
        $this->assertSame(200, $response->getStatusCode());
        $this->assertSame('OK', (string) $response->getBody());
        $this->assertSame(1, $seen);
        $bad = $request->withBody($factory->createStream('event_type=answer'));
        $response = $h->process($bad, $factory, $factory);
        $this->assertSame(400, $response->getStatusCode());
        $this->assertSame('application/json', $response->getHeaderLine('Content-Type'));
    }

    public function testServedByPhpsWebServerWithRealRequests(): void
    {
        $events = tempnam(sys_get_temp_dir(), 'santral-events-');
        $served = new Served(__DIR__ . '/../../examples/php/webhook_endpoint.php', ['ffi.enable=1'], [
            'SANTRAL_LIB' => santral_test_library(), 'SANTRAL_ALLOW' => '127.0.0.1/32', 'EVENTS_LOG' => $events,
        ]);
        $this->assertSame(200, $served->request('POST', '/events', '')[0], 'ping');
        $this->assertSame([200, 'OK'], $served->request('POST', '/events', self::ANSWER));
        [$status, $body] = $served->request('POST', '/events', 'event_type=answer&direction=sideways&call_uuid=1');
        $this->assertSame(400, $status);
        $this->assertSame('event.direction', json_decode($body, true)['diagnostics'][0]['code']);
        $this->assertSame(405, $served->request('GET', '/events')[0]);
        $lines = array_filter(explode("\n", (string) file_get_contents($events)));
        $this->assertCount(1, $lines);
        $this->assertSame('A000001', json_decode(array_values($lines)[0], true)['fields']['call_uuid']);
        unlink($events);
    }

    /** Issue 33: every route by path, the routing flow with its session, and a failing callback. */
    public function testRoutesServeEveryKindWithTheCoresAnswers(): void
    {
        $seen = [];
        $steps = [];
        $prompt = $this->s->prompt(['announcement_id' => 5, 'min_digits' => 1, 'max_digits' => 4, 'retry_count' => 1, 'param_name' => 'siparis']);
        $h = WebhookHandler::routes(
            $this->s,
            onCallEvent: function (array $e) use (&$seen): void {
                if ($e['summary']['event_type'] === 'hangup') {
                    throw new \RuntimeException('database down');
                }
                $seen[] = $e['key'];
            },
            onAdvisory: function (array $q) use (&$steps, $prompt): ?string {
                $steps[] = $q['request'];
                return count($steps) === 1 ? $prompt : $this->s->transfer('queue/201');
            },
            allow: '127.0.0.1/32',
            secret: 's3cr3t',
        );
        $this->assertSame([200, ['Content-Type' => 'text/plain; charset=utf-8'], 'OK'], $h('POST', self::ANSWER, '127.0.0.1', null, '/s3cr3t/events'));
        $this->assertSame(['answer:A000001'], $seen);
        $this->assertSame(404, $h('POST', self::ANSWER, '127.0.0.1', null, '/events')[0], 'outside the secret');
        [$status, $headers] = $h('GET', '', '127.0.0.1', null, '/s3cr3t/events');
        $this->assertSame([405, 'POST'], [$status, $headers['Allow']]);
        [$status, , $body] = $h('POST', str_replace('answer', 'hangup', self::ANSWER), '127.0.0.1', null, '/s3cr3t/events');
        $this->assertSame([500, 'Internal Server Error'], [$status, $body], 'a callback that throws: the PBX sends it again');
        // Santral Programlama: the prompt names `siparis`; the next step's
        // digits arrive under it (the session), then the transfer.
        $q = 'uuid=c1&cli=05321234567&cld=902120000000&step=1';
        $this->assertSame([200, ['Content-Type' => 'application/json'], $prompt], $h('GET', '', '127.0.0.1', null, '/s3cr3t/advisory', $q));
        [$status, , $body] = $h('GET', '', '127.0.0.1', null, '/s3cr3t/advisory', 'uuid=c1&cli=05321234567&cld=902120000000&step=2&siparis=1234');
        $this->assertSame([200, '{"transfer":{"target":"queue/201"}}'], [$status, $body]);
        $this->assertSame(['uuid' => 'c1', 'cli' => '+905321234567', 'cld' => '+902120000000', 'step' => 2, 'error' => null, 'result' => null, 'digits' => '1234'], $steps[1]);
        // A query the core refuses: 400 with its diagnostics, no callback.
        [$status, , $body] = $h('GET', '', '127.0.0.1', null, '/s3cr3t/advisory', 'step=0');
        $this->assertSame(400, $status);
        $this->assertArrayHasKey('diagnostics', json_decode($body, true));
        $this->assertCount(2, $steps);
        $this->expectException(\InvalidArgumentException::class);
        WebhookHandler::routes($this->s, fallback: '{"transfer":{"target":"queue:201"}}');
    }
}
