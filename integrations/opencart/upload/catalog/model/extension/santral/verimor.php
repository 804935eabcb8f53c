<?php
require_once __DIR__ . '/match_key.php';

/**
 * The three routes Bulut Santralim's OpenCart integration calls, read and
 * answered safely: every value from the request is checked and then cast
 * or written back from its parsed form before it reaches SQL; the lookup
 * finds every stored form of the caller's number by santral's match key;
 * a status change goes through OpenCart's own order model and only to the
 * statuses the owner configured. Settings (System > Settings rows, store
 * 0, code `santral_verimor`; the defaults are the vendor's documented
 * behaviour):
 *
 *   santral_verimor_pending_status_id   1      orders the PBX calls, and the only ones it may change
 *   santral_verimor_statuses            2,7    statuses the PBX may set (confirmed, cancelled)
 *   santral_verimor_payment_codes       cod    payment codes that are cash on delivery
 *   santral_verimor_notify              0      1: OpenCart notifies the customer of the change
 */
class ModelExtensionSantralVerimor extends Model
{
    /** The vendor plugin's cash-on-delivery payment method names (kept: shops rely on them). */
    const PAYMENT_METHODS = array('Kapıda Ödeme', 'Cash on Delivery', 'Kapıda Kredi Kartı ile Ödeme', 'Kapıda Nakit Ödeme');
    const COMMENT = 'Bulutsantralim OtoIVR Kapıda Ödeme Onayı Araması';
    const LOOKUP_CANDIDATES = 200;
    const LIST_LIMIT = 1000;

    /** The session's API user, when it is active and this client's address is one of its allowed IPs. */
    public function allowed()
    {
        if (empty($this->session->data['api_id'])) {
            return false;
        }
        $ip = isset($this->request->server['REMOTE_ADDR']) ? (string)$this->request->server['REMOTE_ADDR'] : '';
        if (filter_var($ip, FILTER_VALIDATE_IP) === false) {
            return false;
        }
        $query = $this->db->query("SELECT 1 FROM `" . DB_PREFIX . "api` a JOIN `" . DB_PREFIX . "api_ip` ai ON ai.api_id = a.api_id"
            . " WHERE a.api_id = '" . (int)$this->session->data['api_id'] . "' AND a.status = '1' AND ai.ip = '" . $this->db->escape($ip) . "' LIMIT 1");
        return $query->num_rows > 0;
    }

    /**
     * Pending cash-on-delivery orders added after `$date_added` (`YYYY-MM-DD HH:MM:SS`, the shop's time) and today.
     * @return array|false|null rows (six columns, as the vendor's), false when none, null when `$date_added` is no time
     */
    public function listOrders($date_added)
    {
        $at = self::timestamp($date_added);
        if ($at === null) {
            return null;
        }
        $methods = array();
        foreach (self::PAYMENT_METHODS as $m) {
            $methods[] = "'" . $this->db->escape($m) . "'";
        }
        $codes = array();
        foreach ($this->paymentCodes() as $c) {
            $codes[] = "'" . $this->db->escape($c) . "'";
        }
        $paid_by = "o.payment_method IN (" . implode(',', $methods) . ")" . ($codes ? " OR o.payment_code IN (" . implode(',', $codes) . ")" : '');
        $query = $this->db->query("SELECT o.order_id, o.firstname, o.lastname, o.telephone, o.date_added, o.total FROM `" . DB_PREFIX . "order` o"
            . " WHERE o.order_status_id = '" . (int)$this->pendingStatus() . "' AND (" . $paid_by . ")"
            . " AND o.date_added > '" . $this->db->escape($at) . "' AND o.date_added >= CURDATE()"
            . " ORDER BY o.date_added ASC, o.order_id ASC LIMIT " . (int)self::LIST_LIMIT);
        return $query->num_rows ? $query->rows : false;
    }

    /**
     * The newest order (abandoned checkouts, status 0, are no orders) whose telephone is the same number as `$telephone`.
     * @return array|false the order row with `order_status` (its name in the shop's language)
     */
    public function findByTelephone($telephone)
    {
        $key = santral_match_key((string)$telephone);
        if ($key === null) {
            return false;
        }
        // Candidates by the key's last seven digits in the stored text with
        // its usual separators removed, then the exact key compared in PHP.
        $tail = substr(ltrim($key, '+'), -7);
        $stripped = "o.telephone";
        foreach (array(' ', '-', '.', '(', ')', '/') as $sep) {
            $stripped = "REPLACE(" . $stripped . ", '" . $this->db->escape($sep) . "', '')";
        }
        $query = $this->db->query("SELECT o.* FROM `" . DB_PREFIX . "order` o WHERE o.order_status_id > '0'"
            . " AND " . $stripped . " LIKE '%" . $this->db->escape($tail) . "'"
            . " ORDER BY o.date_added DESC, o.order_id DESC LIMIT " . (int)self::LOOKUP_CANDIDATES);
        foreach ($query->rows as $row) {
            if (santral_match_key((string)$row['telephone']) === $key) {
                $row['order_status'] = $this->statusName((int)$row['order_status_id']);
                return $row;
            }
        }
        return false;
    }

    /**
     * Moves a pending order to one of the allowed statuses through OpenCart's order model.
     * @return string|null null when done, else why not (the reply's error)
     */
    public function updateStatus($order_id, $status)
    {
        $id = self::positive($order_id);
        if ($id === null) {
            return 'order_id must be a positive whole number';
        }
        $to = self::positive($status);
        if ($to === null || !in_array($to, $this->allowedStatuses(), true)) {
            return 'status is not one this shop allows the PBX to set';
        }
        $query = $this->db->query("SELECT order_status_id FROM `" . DB_PREFIX . "order` WHERE order_id = '" . (int)$id . "'");
        if (!$query->num_rows) {
            return 'no such order';
        }
        if ((int)$query->row['order_status_id'] !== $this->pendingStatus()) {
            return 'the order is no longer waiting for confirmation';
        }
        $this->load->model('checkout/order');
        $this->model_checkout_order->addOrderHistory($id, $to, self::COMMENT, $this->notify());
        return null;
    }

    /** `YYYY-MM-DD HH:MM:SS` of a real time, written back from its parsed form; null otherwise. */
    public static function timestamp($text)
    {
        if (!is_string($text) || !preg_match('/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/D', $text)) {
            return null;
        }
        $at = DateTime::createFromFormat('!Y-m-d H:i:s', $text);
        return ($at !== false && $at->format('Y-m-d H:i:s') === $text) ? $at->format('Y-m-d H:i:s') : null;
    }

    /** A positive whole number written in digits (at most 9 of them), else null. */
    public static function positive($text)
    {
        if (!is_string($text) || !preg_match('/^[0-9]{1,9}$/D', $text) || (int)$text < 1) {
            return null;
        }
        return (int)$text;
    }

    private function statusName($id)
    {
        $query = $this->db->query("SELECT name FROM `" . DB_PREFIX . "order_status` WHERE order_status_id = '" . (int)$id
            . "' AND language_id = '" . (int)$this->config->get('config_language_id') . "'");
        return $query->num_rows ? $query->row['name'] : '';
    }

    private function pendingStatus()
    {
        $v = $this->config->get('santral_verimor_pending_status_id');
        return ($v === null || $v === '') ? 1 : (int)$v;
    }

    /** @return int[] */
    private function allowedStatuses()
    {
        $v = $this->config->get('santral_verimor_statuses');
        $list = array();
        foreach (explode(',', ($v === null || $v === '') ? '2,7' : (string)$v) as $s) {
            $n = self::positive(trim($s));
            if ($n !== null) {
                $list[] = $n;
            }
        }
        return $list;
    }

    /** @return string[] */
    private function paymentCodes()
    {
        $v = $this->config->get('santral_verimor_payment_codes');
        $list = array();
        foreach (explode(',', ($v === null || $v === '') ? 'cod' : (string)$v) as $s) {
            if (trim($s) !== '') {
                $list[] = trim($s);
            }
        }
        return $list;
    }

    private function notify()
    {
        return (bool)$this->config->get('santral_verimor_notify');
    }
}
