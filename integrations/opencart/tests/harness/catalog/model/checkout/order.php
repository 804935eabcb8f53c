<?php
/**
 * OpenCart's catalog order model, the part the plugin calls: addOrderHistory
 * changes the status and date_modified, adds the history row (with notify
 * and the comment) — in OpenCart it also returns or takes stock and fires
 * the order events that send the e-mails. Every call is recorded in
 * `oc_santral_harness_calls` so the tests see the plugin went through it.
 */
class ModelCheckoutOrder extends Model
{
    public function addOrderHistory($order_id, $order_status_id, $comment = '', $notify = false, $override = false)
    {
        $this->db->query("UPDATE `" . DB_PREFIX . "order` SET order_status_id = '" . (int)$order_status_id . "', date_modified = NOW() WHERE order_id = '" . (int)$order_id . "'");
        $this->db->query("INSERT INTO `" . DB_PREFIX . "order_history` SET order_id = '" . (int)$order_id . "', order_status_id = '" . (int)$order_status_id
            . "', notify = '" . (int)$notify . "', comment = '" . $this->db->escape($comment) . "', date_added = NOW()");
        $this->db->query("INSERT INTO `" . DB_PREFIX . "santral_harness_calls` SET order_id = '" . (int)$order_id . "', order_status_id = '" . (int)$order_status_id . "', notify = '" . (int)$notify . "'");
    }
}
