<?php
declare(strict_types=1);

namespace Santral\Tests;

use PHPUnit\Framework\TestCase;
use Santral\Santral;
use Santral\SantralException;

/** The Santral class over libsantral: phones, checks, builders . */
final class SantralTest extends TestCase
{
    private Santral $s;
    private string $vendor;

    protected function setUp(): void
    {
        $this->s = new Santral(santral_test_library());
        $this->vendor = __DIR__ . '/../../core/tests/vendor';
    }

    private function assertThrowsResult(callable $f, int $result, string $what): void
    {
        try {
            $f();
            $this->fail("$what: no exception");
        } catch (SantralException $e) {
            $this->assertSame($result, $e->result, $what);
        }
    }

    public function testGeneral(): void
    {
        $this->assertTrue($this->s->version() !== '', 'version');
        $this->assertTrue($this->s->codeId(SANTRAL_CODE_PHONE_TOO_SHORT) === 'phone.too_short', 'code constants match the library');
        $this->assertTrue($this->s->codeMessage(SANTRAL_CODE_PHONE_TOO_SHORT, SANTRAL_LANG_TR) === "telefon numarasında rakam eksik: Türkiye numarası baştaki 0'dan sonra 10 rakamdır (0 ile 11)", 'Turkish message');
    }

    public function testPhones(): void
    {
        $p = $this->s->parsePhone('05321234567');
        $this->assertTrue($p['kind'] === 'mobile' && $p['valid'] && $p['national_number'] === '5321234567', 'parse mobile');
        $p = $this->s->parsePhone('05651236547');
        $this->assertTrue(!$p['valid'] && $p['warning'] === 'phone.unassigned', 'unassigned range is a warning');
        $this->assertTrue($p['e164'] === '+905651236547' && $p['display'] === '0565 123 65 47' && $p['match_key'] === '5651236547', 'every form');
        $this->assertTrue($this->s->parsePhone('1001')['kind'] === 'extension', 'the default accepts an extension, as in every face');
        $this->assertThrowsResult(fn () => $this->s->parsePhone('1001', SANTRAL_PHONE_NO_EXTENSION), SANTRAL_INVALID, 'extensions refused on request');
        $this->assertThrowsResult(fn () => $this->s->parsePhone("1' OR '1'='1"), SANTRAL_INVALID, 'injection in a phone');
        $this->assertThrowsResult(fn () => $this->s->parsePhone("\xff\xfe"), SANTRAL_INVALID_UTF8, 'invalid UTF-8');
        $this->assertTrue($this->s->formatPhone('05321234567', SANTRAL_FORMAT_DISPLAY_INTERNATIONAL) === '+90 532 123 45 67', 'display format');
        $this->assertTrue($this->s->formatPhone('4441234', SANTRAL_FORMAT_E164) === null, 'a 444 number has no E.164');
        $this->assertTrue($this->s->sameNumber('05334979714', '+90 533 497 97 14'), 'same subscriber');
        $this->assertTrue(!$this->s->sameNumber('05334979714', '05334979715'), 'different subscribers');
        $this->assertTrue($this->s->matchKey('+90 533 497 97 14') === '5334979714', 'match key');
        $de = $this->s->parsePhone('030 27590915', SANTRAL_PHONE_LENIENT, 'de');
        $this->assertTrue($de['valid'] && $de['region'] === 'DE' && $de['kind'] === 'fixed_line', 'a national form read in its region');
        $this->assertTrue($de['e164'] === '+493027590915' && $de['display_international'] === '+49 30 27590915' && $de['display_in_region'] === '030 27590915', 'the region\'s formats');
        $this->assertTrue($this->s->parsePhone('+12024561111')['kind'] === 'fixed_line_or_mobile', 'libphonenumber\'s verdict abroad');
        $this->assertThrowsResult(fn () => $this->s->parsePhone('030 27590915', SANTRAL_PHONE_LENIENT, 'XY'), SANTRAL_INVALID, 'an unknown region');
    }

    public function testChecksOverTheVendorsExamples(): void
    {
        $ivr = (string) file_get_contents("{$this->vendor}/campaign_ivr_seed004.json");
        $r = $this->s->check('campaign', $ivr);
        $this->assertTrue(!$r['valid'] && $r['errors'] === 1, 'vendor sample invalid');
        $this->assertTrue($r['diagnostics'][0]['code'] === 'json.expected_comma' && $r['diagnostics'][0]['line'] === 35 && $r['diagnostics'][0]['column'] === 9, 'line 35 column 9');
        $this->assertTrue($r['summary']['call_type'] === 'ivr', 'summary');
        $r = $this->s->check('campaign', (string) file_get_contents("{$this->vendor}/campaign_queue_seed004.json"));
        $this->assertTrue($r['valid'] && $r['warnings'] === 1 && $r['diagnostics'][0]['path'] === 'phone_list[1].phone', 'queue sample valid with a warning');
        $r = $this->s->check('advisory-response', (string) file_get_contents("{$this->vendor}/advisory_prompt_1.json"), [], SANTRAL_LANG_TR);
        $this->assertTrue(!$r['valid'] && $r['diagnostics'][0]['code'] === 'json.trailing_comma', 'vendor prompt trailing comma');
        $r = $this->s->check('call-event', '');
        $this->assertTrue($r['valid'] && $r['summary']['verification_ping'] === true, 'ping');
        $this->assertThrowsResult(fn () => $this->s->check('nope', ''), SANTRAL_UNKNOWN_KIND, 'unknown kind');
        try {
            $this->s->check('campaign', $ivr, ['today' => '2023-02-29']);
            $this->assertTrue(false, 'an impossible today must throw');
        } catch (\Santral\SantralException $e) {
            $this->assertTrue($e->result === SANTRAL_INVALID_OPTION && $e->diagnostic()['path'] === 'today' && $e->codeId === 'date.not_calendar', 'option error names the option');
        }
        $r = $this->s->check('campaign', $ivr, ['max_diagnostics' => 0]);
        $this->assertTrue($r['diagnostics'] === [] && $r['diagnostics_omitted'] === 1 && $r['errors'] === 1, 'the cap counts what it omits');
        $r = $this->s->check('advisory-response', '{"transfer":{"target":"usr/1000"}}');
        $this->assertTrue($r['diagnostics'][0]['suggestion'] === 'user' && $r['diagnostics'][0]['offset'] === 23 && $r['diagnostics'][0]['end'] === 26, 'suggestion and end');
        try {
            $this->s->parseTarget('queue:201', SANTRAL_CONTEXT_ADVISORY);
            $this->assertTrue(false, 'a newer-style target must throw');
        } catch (\Santral\SantralException $e) {
            $this->assertTrue($e->diagnostic()['suggestion'] === 'queue/', 'the seeds form is suggested');
        }
        $ph = $this->s->checkPhrase('çağrı #1 x');
        $this->assertTrue(!$ph['valid'] && $ph['diagnostics'][1]['column'] === 10 && $ph['diagnostics'][1]['path'] === 'phrase', 'phrase columns count characters');
        $big = str_repeat('{"phone":"05321234567"},', 20000);
        $r = $this->s->check('campaign', '{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"q","queue_number":204,"thread_multiplier":1,"phone_list":[' . rtrim($big, ',') . ']}');
        $this->assertTrue($r['valid'] && $r['summary']['leads'] === 20000, 'large campaign');
    }

    public function testBuilders(): void
    {
        $t = $this->s->transfer('queue/201', ['greet_name' => 'Ahmet Yılmaz', 'lang' => 'tr-TR']);
        $this->assertTrue($t === '{"transfer":{"target":"queue/201","greet_name":"Ahmet Yılmaz","lang":"tr-TR"}}', 'transfer JSON');
        $this->assertThrowsResult(fn () => $this->s->transfer('restart'), SANTRAL_INVALID, 'restart is not an advisory target');
        $logo = $this->s->logoFromEvent('event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A000001', ['keypress' => 3]);
        $this->assertTrue($logo === '{"callUniqueId":"A000001","extension":"911","agentId":"911","callerId":"05334979714","keypress":"3"}', 'logo body');
        $this->assertTrue($this->s->logoFromEvent('event_type=ringing&direction=inbound&call_uuid=1&connected_user=911&caller_id_number=905334979714') === null, 'not the trigger');
    }

    public function testTheLibraryIsFoundFromTheEnvironmentWhenNoneIsGiven(): void
    {
        $old = getenv('SANTRAL_LIB');
        putenv('SANTRAL_LIB=' . santral_test_library());
        try {
            $this->assertSame('5334979714', (new Santral())->matchKey('+90 533 497 97 14'));
        } finally {
            putenv($old === false ? 'SANTRAL_LIB' : "SANTRAL_LIB=$old");
        }
        $this->assertSame('/x/libsantral.so', \Santral\Library::locate('/x/libsantral.so'));
        $header = \Santral\Library::preloadHeader('/usr/lib/libsantral.so');
        $this->assertStringStartsWith("#define FFI_SCOPE \"SANTRAL\"\n#define FFI_LIB \"/usr/lib/libsantral.so\"\n", $header);
    }

    public function testClientAllowed(): void
    {
        $this->assertTrue($this->s->clientAllowed('194.49.126.45'), "the vendor's address");
        $this->assertFalse($this->s->clientAllowed('127.0.0.1'), 'not by default');
        $this->assertTrue($this->s->clientAllowed('127.0.0.1', null, '127.0.0.1/32'));
        $this->assertTrue($this->s->clientAllowed('10.0.0.5', '194.49.126.18', null, '10.0.0.0/8'), 'behind a trusted proxy');
        $this->assertFalse($this->s->clientAllowed('10.0.0.5', '194.49.126.18'), 'X-Forwarded-For from an untrusted peer');
        try {
            $this->s->clientAllowed('127.0.0.1', null, '10.0.0.0/99');
            $this->fail('a bad block must throw');
        } catch (SantralException $e) {
            $this->assertSame(SANTRAL_INVALID_OPTION, $e->result);
            $this->assertSame('allow', $e->diagnostic()['path']);
        }
    }
}
