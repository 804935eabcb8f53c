<?php
// A small OpenCart-style shop for trying the PBX's e-commerce flow
// (README: "Try the OpenCart flow"): OpenCart's order tables in SQLite,
// OpenCart's API login (`route=api/login` → `api_token`), and the
// vendor plugin's three routes answered by examples/php/opencart_endpoint.php.
//
//   php -d ffi.enable=1 -S 127.0.0.1:8000 examples/opencart/router.php
//
// Environment: SANTRAL_LIB (libsantral.so), SHOP_DB (the SQLite file,
// created and seeded with sample orders when missing), SHOP_API_KEY (the
// key of the `bulutsantralim` API user; default "demo-key").

declare(strict_types=1);

require_once __DIR__ . '/../php/opencart_endpoint.php';

/** OpenCart's tables the flow touches (the columns it reads). */
function shop_schema(PDO $db): void
{
    $db->exec('CREATE TABLE IF NOT EXISTS oc_order (
        order_id INTEGER PRIMARY KEY, firstname TEXT, lastname TEXT, telephone TEXT,
        telephone_key TEXT, payment_method TEXT, order_status_id INTEGER, date_added TEXT, total TEXT)');
    $db->exec('CREATE INDEX IF NOT EXISTS oc_order_telephone_key ON oc_order (telephone_key)');
    $db->exec('CREATE TABLE IF NOT EXISTS oc_order_history (
        order_history_id INTEGER PRIMARY KEY, order_id INTEGER, order_status_id INTEGER,
        notify INTEGER, comment TEXT, date_added TEXT)');
    $db->exec('CREATE TABLE IF NOT EXISTS oc_api (api_id INTEGER PRIMARY KEY, username TEXT, "key" TEXT, status INTEGER)');
    $db->exec('CREATE TABLE IF NOT EXISTS oc_api_session (api_token TEXT PRIMARY KEY, api_id INTEGER, date_added TEXT)');
}

/**
 * Adds an order as OpenCart's checkout would, with santral's match key
 * beside the telephone as the customer typed it.
 */
function shop_add_order(Santral $santral, PDO $db, array $o): void
{
    try {
        $key = $santral->matchKey($o['telephone']);
    } catch (SantralException $e) {
        $key = null; // not a phone number: never found by a caller
    }
    $stmt = $db->prepare('INSERT INTO oc_order (order_id, firstname, lastname, telephone, telephone_key, payment_method, order_status_id, date_added, total)
                          VALUES (:id, :first, :last, :tel, :key, :pay, :status, :date, :total)');
    $stmt->execute([
        ':id' => $o['order_id'], ':first' => $o['firstname'], ':last' => $o['lastname'],
        ':tel' => $o['telephone'], ':key' => $key,
        ':pay' => $o['payment_method'], ':status' => $o['order_status_id'],
        ':date' => $o['date_added'], ':total' => $o['total'],
    ]);
}

/**
 * The sample orders: every default status, cash-on-delivery and other
 * payment methods (Turkish and English names), phones in the forms
 * customers type, some from yesterday.
 * @return list<array<string,mixed>>
 */
function shop_sample_orders(string $today, string $yesterday): array
{
    $people = [['Ayşe', 'Öztürk'], ['Çağrı', 'Şimşek'], ['İsmail', 'Güneş'], ['Gülşen', 'Ünal'], ['Oğuz', 'Işık']];
    $phones = ['05334979714', '+90 533 497 97 14', '0 (532) 123 45 67', '5421234567', '905551234567', '0530 111 2233', '+90-505-987-65-43'];
    $payments = ['Kapıda Ödeme', 'Kapıda Nakit Ödeme', 'Kapıda Kredi Kartı ile Ödeme', 'Cash on Delivery', 'Kredi Kartı', 'Banka Havalesi / EFT'];
    $statuses = [1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
    $orders = [];
    $id = 100;
    // Every status with every payment method, today.
    foreach ($statuses as $s) {
        foreach ($payments as $p) {
            $id++;
            [$first, $last] = $people[$id % count($people)];
            $orders[] = ['order_id' => $id, 'firstname' => $first, 'lastname' => $last,
                'telephone' => $phones[$id % count($phones)], 'payment_method' => $p, 'order_status_id' => $s,
                'date_added' => sprintf('%s %02d:%02d:00', $today, 8 + $id % 10, $id % 60), 'total' => sprintf('%d.9000', 50 + $id)];
        }
    }
    // Pending cash on delivery, but yesterday's: not today's list.
    foreach (['Kapıda Ödeme', 'Cash on Delivery'] as $p) {
        $id++;
        $orders[] = ['order_id' => $id, 'firstname' => 'Dünkü', 'lastname' => 'Sipariş', 'telephone' => '0532 765 43 21',
            'payment_method' => $p, 'order_status_id' => 1, 'date_added' => "$yesterday 18:00:00", 'total' => '99.0000'];
    }
    return $orders;
}

/** Opens (creating and seeding when new) the shop's database. */
function shop_open(Santral $santral, string $path, string $apiKey): PDO
{
    $new = !file_exists($path);
    $db = new PDO('sqlite:' . $path, null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
    $db->exec('PRAGMA busy_timeout = 5000');
    shop_schema($db);
    if ($new) {
        $db->beginTransaction();
        $tz = new DateTimeZone('Europe/Istanbul');
        $today = (new DateTimeImmutable('now', $tz))->format('Y-m-d');
        $yesterday = (new DateTimeImmutable('yesterday', $tz))->format('Y-m-d');
        foreach (shop_sample_orders($today, $yesterday) as $o) {
            shop_add_order($santral, $db, $o);
        }
        $db->prepare('INSERT INTO oc_api (username, "key", status) VALUES (:u, :k, 1)')
            ->execute([':u' => 'bulutsantralim', ':k' => $apiKey]);
        $db->commit();
    }
    return $db;
}

/**
 * Answers one request to index.php, as OpenCart with the vendor's plugin
 * would.
 * @param array<string,string> $get
 * @param array<string,string> $post
 * @return array<mixed>
 */
function shop_answer(Santral $santral, PDO $db, array $get, array $post): array
{
    $route = (string) ($get['route'] ?? '');
    if ($route === 'api/login') {
        $stmt = $db->prepare('SELECT api_id FROM oc_api WHERE username = :u AND "key" = :k AND status = 1');
        $stmt->execute([':u' => (string) ($post['username'] ?? ''), ':k' => (string) ($post['key'] ?? '')]);
        $api = $stmt->fetchColumn();
        if ($api === false) {
            // What a real OpenCart 3.0.4.0 answers (HTTP 200): its api/login
            // has no branch for a key it does not know (issue 31).
            return [];
        }
        $token = bin2hex(random_bytes(16));
        $db->prepare("INSERT INTO oc_api_session (api_token, api_id, date_added) VALUES (:t, :a, datetime('now'))")
            ->execute([':t' => $token, ':a' => $api]);
        return ['success' => 'Success: API session successfully started!', 'api_token' => $token];
    }
    $token = (string) ($get['api_token'] ?? $get['token'] ?? '');
    $stmt = $db->prepare('SELECT api_id FROM oc_api_session WHERE api_token = :t');
    $stmt->execute([':t' => $token]);
    if ($stmt->fetchColumn() === false) {
        $denied = 'Warning: You do not have permission to access the API!';
        return $route === 'api/verimor/list_orders' ? ['error' => ['warning' => $denied]] : ['error' => $denied];
    }
    $query = $get;
    unset($query['api_token'], $query['token']);
    return opencart_endpoint($santral, $db, $query);
}
