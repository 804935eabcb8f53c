<?php
// PHP tests of libsantral through FFI and the examples/php class:
//   php -d ffi.enable=1 ffi-c/tests/php/test_santral.php target/debug/libsantral.so
declare(strict_types=1);

require_once __DIR__ . '/../../../examples/php/opencart_endpoint.php';

$passed = 0;
$failed = 0;
function check(bool $cond, string $what): void
{
    global $passed, $failed;
    if ($cond) {
        $passed++;
    } else {
        $failed++;
        fwrite(STDERR, "FAILED: $what\n");
    }
}
function throws(callable $f, int $result, string $what): void
{
    try {
        $f();
        check(false, "$what: no exception");
    } catch (SantralException $e) {
        check($e->result === $result, "$what: result {$e->result}");
    }
}

$santral = new Santral($argv[1] ?? 'target/debug/libsantral.so');
$vendor = __DIR__ . '/../../../core/tests/vendor';

check($santral->version() !== '', 'version');
check($santral->codeId(SANTRAL_CODE_PHONE_TOO_SHORT) === 'phone.too_short', 'code constants match the library');
check($santral->codeMessage(SANTRAL_CODE_PHONE_TOO_SHORT, SANTRAL_LANG_TR) === 'telefon numarasında rakam eksik', 'Turkish message');

// Phones.
$p = $santral->parsePhone('05321234567');
check($p['kind'] === 'mobile' && $p['valid'] && $p['national_number'] === '5321234567', 'parse mobile');
$p = $santral->parsePhone('05651236547');
check(!$p['valid'] && $p['warning'] === 'phone.unassigned', 'unassigned range is a warning');
check($p['e164'] === '+905651236547' && $p['display'] === '0565 123 65 47' && $p['match_key'] === '5651236547', 'every form');
check($santral->parsePhone('1001')['kind'] === 'extension', 'the default accepts an extension, as in every face');
throws(fn () => $santral->parsePhone('1001', SANTRAL_PHONE_NO_EXTENSION), SANTRAL_INVALID, 'extensions refused on request');
throws(fn () => $santral->parsePhone("1' OR '1'='1"), SANTRAL_INVALID, 'injection in a phone');
throws(fn () => $santral->parsePhone("\xff\xfe"), SANTRAL_INVALID_UTF8, 'invalid UTF-8');
check($santral->formatPhone('05321234567', SANTRAL_FORMAT_DISPLAY_INTERNATIONAL) === '+90 532 123 45 67', 'display format');
check($santral->formatPhone('4441234', SANTRAL_FORMAT_E164) === null, 'a 444 number has no E.164');
check($santral->sameNumber('05334979714', '+90 533 497 97 14'), 'same subscriber');
check(!$santral->sameNumber('05334979714', '05334979715'), 'different subscribers');
check($santral->matchKey('+90 533 497 97 14') === '5334979714', 'match key');

// Checks over the vendor's examples.
$ivr = (string) file_get_contents("$vendor/campaign_ivr_seed004.json");
$r = $santral->check('campaign', $ivr);
check(!$r['valid'] && $r['errors'] === 1, 'vendor sample invalid');
check($r['diagnostics'][0]['code'] === 'json.expected_comma' && $r['diagnostics'][0]['line'] === 35 && $r['diagnostics'][0]['column'] === 9, 'line 35 column 9');
check($r['summary']['call_type'] === 'ivr', 'summary');
$r = $santral->check('campaign', (string) file_get_contents("$vendor/campaign_queue_seed004.json"));
check($r['valid'] && $r['warnings'] === 1 && $r['diagnostics'][0]['path'] === 'phone_list[1].phone', 'queue sample valid with a warning');
$r = $santral->check('advisory-response', (string) file_get_contents("$vendor/advisory_prompt_1.json"), [], SANTRAL_LANG_TR);
check(!$r['valid'] && $r['diagnostics'][0]['code'] === 'json.trailing_comma', 'vendor prompt trailing comma');
$r = $santral->check('call-event', '');
check($r['valid'] && $r['summary']['verification_ping'] === true, 'ping');
throws(fn () => $santral->check('nope', ''), SANTRAL_UNKNOWN_KIND, 'unknown kind');
try {
    $santral->check('campaign', $ivr, ['today' => '2023-02-29']);
    check(false, 'an impossible today must throw');
} catch (SantralException $e) {
    check($e->result === SANTRAL_INVALID_OPTION && $e->diagnostic()['path'] === 'today' && $e->codeId === 'date.not_calendar', 'option error names the option');
}
$r = $santral->check('campaign', $ivr, ['max_diagnostics' => 0]);
check($r['diagnostics'] === [] && $r['diagnostics_omitted'] === 1 && $r['errors'] === 1, 'the cap counts what it omits');
$r = $santral->check('advisory-response', '{"transfer":{"target":"usr/1000"}}');
check($r['diagnostics'][0]['suggestion'] === 'user' && $r['diagnostics'][0]['offset'] === 23 && $r['diagnostics'][0]['end'] === 26, 'suggestion and end');
try {
    $santral->parseTarget('queue:201', SANTRAL_CONTEXT_ADVISORY);
    check(false, 'a newer-style target must throw');
} catch (SantralException $e) {
    check($e->diagnostic()['suggestion'] === 'queue/', 'the seeds form is suggested');
}
$ph = $santral->checkPhrase('çağrı #1 x');
check(!$ph['valid'] && $ph['diagnostics'][1]['column'] === 10 && $ph['diagnostics'][1]['path'] === 'phrase', 'phrase columns count characters');
$big = str_repeat('{"phone":"05321234567"},', 20000);
$r = $santral->check('campaign', '{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"q","queue_number":204,"thread_multiplier":1,"phone_list":[' . rtrim($big, ',') . ']}');
check($r['valid'] && $r['summary']['leads'] === 20000, 'large campaign');

// Builders.
$t = $santral->transfer('queue/201', ['greet_name' => 'Ahmet Yılmaz', 'lang' => 'tr-TR']);
check($t === '{"transfer":{"target":"queue/201","greet_name":"Ahmet Yılmaz","lang":"tr-TR"}}', 'transfer JSON');
throws(fn () => $santral->transfer('restart'), SANTRAL_INVALID, 'restart is not an advisory target');
$logo = $santral->logoFromEvent('event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A000001', ['keypress' => 3]);
check($logo === '{"callUniqueId":"A000001","extension":"911","agentId":"911","callerId":"05334979714","keypress":"3"}', 'logo body');
check($santral->logoFromEvent('event_type=ringing&direction=inbound&call_uuid=1&connected_user=911&caller_id_number=905334979714') === null, 'not the trigger');

// The OpenCart-style endpoint against a real (in-memory) database.
if (extension_loaded('pdo_sqlite')) {
    $db = new PDO('sqlite::memory:');
    require_once __DIR__ . '/../../../examples/opencart/shop.php';
    shop_schema($db);
    $insert = $db->prepare("INSERT INTO oc_order (order_id, firstname, lastname, telephone, telephone_key, payment_method, order_status_id, date_added, total)
                            VALUES (:id, 'Ayşe', 'Öztürk', :tel, :key, :pay, 1, :date, '10.0000')");
    foreach ([[1, '0533 497 97 14', 'Kapıda Ödeme'], [2, '+90 532 123 45 67', 'Kredi Kartı']] as [$id, $tel, $pay]) {
        $insert->execute([':id' => $id, ':tel' => $tel, ':key' => $santral->matchKey($tel), ':pay' => $pay, ':date' => '2024-01-31 10:00:00']);
    }
    $reply = opencart_endpoint($santral, $db, ['route' => 'api/verimor/get_order_by_telephone_number', 'telephone' => '905334979714']);
    check(($reply['status'] ?? '') === 'success' && (int) $reply['order']['order_id'] === 1, 'order found by match key from the wire form');
    $reply = opencart_endpoint($santral, $db, ['route' => 'api/verimor/get_order_by_telephone_number', 'telephone' => "1' OR '1'='1"]);
    check(isset($reply['error']) && $reply['diagnostics'][0]['code'] === 'phone.invalid_character', 'injection stopped before SQL');
    $reply = opencart_endpoint($santral, $db, ['route' => 'api/verimor/update_order_status', 'order_id' => '1', 'status' => '2']);
    check($reply === ['order' => null] && (int) $db->query('SELECT order_status_id FROM oc_order WHERE order_id = 1')->fetchColumn() === 2, 'status updated');
    $reply = opencart_endpoint($santral, $db, ['route' => 'api/verimor/list_orders', 'date_added' => "2024-01-31 00:00:00' OR 1=1 --"]);
    check(isset($reply['error']), 'date injection stopped');
    $reply = opencart_endpoint($santral, $db, ['route' => 'api/verimor/list_orders', 'date_added' => '2024-01-31 00:00:00']);
    check($reply === [false], 'order 1 is no longer pending and order 2 is not paid on delivery: nothing listed');
    $db->exec("UPDATE oc_order SET order_status_id = 1 WHERE order_id = 1");
    $reply = opencart_endpoint($santral, $db, ['route' => 'api/verimor/list_orders', 'date_added' => '2024-01-31 00:00:00']);
    check(count($reply[0]) === 1 && (int) $reply[0][0]['order_id'] === 1, 'only the cash-on-delivery order awaiting approval is listed');
    check((int) $db->query('SELECT count(*) FROM oc_order_history WHERE order_id = 1')->fetchColumn() === 1, 'the update is in the order history');
} else {
    fwrite(STDERR, "note: pdo_sqlite not installed; the endpoint example was not run\n");
}

echo "php: $passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
