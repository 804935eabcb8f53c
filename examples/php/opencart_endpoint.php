<?php
// An OpenCart-style endpoint for the PBX's order calls (SPEC §11), done
// safely: santral validates `telephone`, `order_id`, `status` and
// `date_added` before anything touches SQL, statements are prepared, and
// orders are found by santral's match key — not `LIKE '%<telephone>'`,
// which the vendor's reference plugin interpolates unescaped.
//
// Orders store `telephone_key = $santral->matchKey($telephone)` when they
// are saved; this endpoint looks that key up.

declare(strict_types=1);

require_once __DIR__ . '/Santral.php';

/**
 * Answers one request (the query parameters of route api/verimor/...).
 * @param array<string,string> $query
 * @return array<string,mixed> the JSON reply, as the vendor's plugin shapes it
 */
function opencart_endpoint(Santral $santral, PDO $db, array $query): array
{
    $report = $santral->check('opencart-request', http_build_query($query));
    if (!$report['valid']) {
        // Nothing reached the database.
        return ['error' => ['warning' => $report['diagnostics'][0]['message']], 'diagnostics' => $report['diagnostics']];
    }
    switch ($report['summary']['route']) {
        case 'get_order_by_telephone_number':
            $stmt = $db->prepare('SELECT order_id, telephone, payment_method, order_status_id FROM oc_order
                                  WHERE telephone_key = :key ORDER BY order_id DESC LIMIT 1');
            $stmt->execute([':key' => $santral->matchKey($query['telephone'])]);
            $order = $stmt->fetch(PDO::FETCH_ASSOC);
            return $order === false ? ['status' => 'not found'] : ['order' => $order, 'status' => 'success'];
        case 'update_order_status':
            $db->beginTransaction();
            $stmt = $db->prepare('UPDATE oc_order SET order_status_id = :status WHERE order_id = :id');
            $stmt->execute([':status' => (int) $query['status'], ':id' => (int) $query['order_id']]);
            $stmt = $db->prepare("INSERT INTO oc_order_history (order_id, order_status_id, notify, comment, date_added)
                                  VALUES (:id, :status, 0, 'Bulutsantralim OtoIVR Kapıda Ödeme Onayı Araması', datetime('now'))");
            $stmt->execute([':status' => (int) $query['status'], ':id' => (int) $query['order_id']]);
            $db->commit();
            return ['order' => null];
        case 'list_orders':
            // The orders the PBX should call: awaiting approval (1), added
            // since `date_added`, paid on delivery. Which payment methods
            // mean "on delivery" is santral's table, not a copy here: each
            // row is checked as the PBX will read it, and a row santral
            // says is not pending cash on delivery is left out.
            $stmt = $db->prepare('SELECT order_id, firstname, lastname, telephone, payment_method, order_status_id, date_added, total
                                  FROM oc_order WHERE order_status_id = 1 AND date_added >= :since ORDER BY date_added ASC');
            $stmt->execute([':since' => $query['date_added']]);
            $rows = [];
            foreach ($stmt->fetchAll(PDO::FETCH_ASSOC) as $row) {
                $seen = $santral->check('opencart-reply', json_encode([[$row]], JSON_UNESCAPED_UNICODE));
                $codes = array_column($seen['diagnostics'], 'code');
                if (!in_array('opencart.not_pending', $codes, true)) {
                    $rows[] = $row;
                }
            }
            return $rows === [] ? [false] : [$rows];
    }
    return ['error' => 'unknown route'];
}
