<?php
declare(strict_types=1);

namespace Santral\Tests;

use PHPUnit\Framework\TestCase;
use Santral\Santral;

/**
 * The OpenCart-style endpoint example against a real (in-memory) SQLite
 * database: santral's checks stand before every statement.
 * @requires extension pdo_sqlite
 */
final class OpenCartEndpointTest extends TestCase
{
    private Santral $s;

    protected function setUp(): void
    {
        require_once __DIR__ . '/../../examples/opencart/shop.php';
        $this->s = new Santral(santral_test_library());
    }

    public function testTheEndpointChecksEveryParameterBeforeSql(): void
    {
        $db = new \PDO('sqlite::memory:');
        shop_schema($db);
        $insert = $db->prepare("INSERT INTO oc_order (order_id, firstname, lastname, telephone, telephone_key, payment_method, order_status_id, date_added, total)
                                VALUES (:id, 'Ayşe', 'Öztürk', :tel, :key, :pay, 1, :date, '10.0000')");
        foreach ([[1, '0533 497 97 14', 'Kapıda Ödeme'], [2, '+90 532 123 45 67', 'Kredi Kartı']] as [$id, $tel, $pay]) {
            $insert->execute([':id' => $id, ':tel' => $tel, ':key' => $this->s->matchKey($tel), ':pay' => $pay, ':date' => '2024-01-31 10:00:00']);
        }
        $reply = opencart_endpoint($this->s, $db, ['route' => 'api/verimor/get_order_by_telephone_number', 'telephone' => '905334979714']);
        $this->assertTrue(($reply['status'] ?? '') === 'success' && (int) $reply['order']['order_id'] === 1, 'order found by match key from the wire form');
        $reply = opencart_endpoint($this->s, $db, ['route' => 'api/verimor/get_order_by_telephone_number', 'telephone' => "1' OR '1'='1"]);
        $this->assertTrue(isset($reply['error']) && $reply['diagnostics'][0]['code'] === 'phone.invalid_character', 'injection stopped before SQL');
        $reply = opencart_endpoint($this->s, $db, ['route' => 'api/verimor/update_order_status', 'order_id' => '1', 'status' => '2']);
        $this->assertTrue($reply === ['order' => null] && (int) $db->query('SELECT order_status_id FROM oc_order WHERE order_id = 1')->fetchColumn() === 2, 'status updated');
        $reply = opencart_endpoint($this->s, $db, ['route' => 'api/verimor/list_orders', 'date_added' => "2024-01-31 00:00:00' OR 1=1 --"]);
        $this->assertTrue(isset($reply['error']), 'date injection stopped');
        $reply = opencart_endpoint($this->s, $db, ['route' => 'api/verimor/list_orders', 'date_added' => '2024-01-31 00:00:00']);
        $this->assertTrue($reply === [false], 'order 1 is no longer pending and order 2 is not paid on delivery: nothing listed');
        $db->exec("UPDATE oc_order SET order_status_id = 1 WHERE order_id = 1");
        $reply = opencart_endpoint($this->s, $db, ['route' => 'api/verimor/list_orders', 'date_added' => '2024-01-31 00:00:00']);
        $this->assertTrue(count($reply[0]) === 1 && (int) $reply[0][0]['order_id'] === 1, 'only the cash-on-delivery order awaiting approval is listed');
        $this->assertTrue((int) $db->query('SELECT count(*) FROM oc_order_history WHERE order_id = 1')->fetchColumn() === 1, 'the update is in the order history');
    }
}
