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
            $stmt = $db->prepare('UPDATE oc_order SET order_status_id = :status WHERE order_id = :id');
            $stmt->execute([':status' => (int) $query['status'], ':id' => (int) $query['order_id']]);
            return ['order' => null];
        case 'list_orders':
            $stmt = $db->prepare('SELECT order_id, telephone FROM oc_order WHERE date_added >= :since');
            $stmt->execute([':since' => $query['date_added']]);
            $rows = $stmt->fetchAll(PDO::FETCH_ASSOC);
            return $rows === [] ? [false] : [$rows];
    }
    return ['error' => 'unknown route'];
}
