<?php
/** OpenCart's api/login as 3.0 and 2.3 answer it (the PBX's first request). */
class ControllerApiLogin extends Controller
{
    public function index()
    {
        $this->load->language('api/login');
        $json = array();
        $api = array();
        if (isset($this->request->post['key'])) {
            $username = isset($this->request->post['username']) ? $this->request->post['username'] : 'Default';
            $api = $this->db->query("SELECT * FROM `" . DB_PREFIX . "api` WHERE `username` = '" . $this->db->escape($username)
                . "' AND `key` = '" . $this->db->escape($this->request->post['key']) . "' AND `status` = '1'")->row;
        }
        if ($api) {
            $ips = array();
            foreach ($this->db->query("SELECT ip FROM `" . DB_PREFIX . "api_ip` WHERE api_id = '" . (int)$api['api_id'] . "'")->rows as $r) {
                $ips[] = trim($r['ip']);
            }
            if (!in_array($this->request->server['REMOTE_ADDR'], $ips)) {
                $json['error']['ip'] = sprintf($this->language->get('error_ip'), $this->request->server['REMOTE_ADDR']);
                $json['error']['key'] = $this->language->get('error_key');
            } else {
                $token = bin2hex(random_bytes(13));
                $this->db->query("INSERT INTO `" . DB_PREFIX . "api_session` SET api_id = '" . (int)$api['api_id'] . "', session_id = '"
                    . $this->db->escape($token) . "', ip = '" . $this->db->escape($this->request->server['REMOTE_ADDR']) . "', date_added = NOW(), date_modified = NOW()");
                $json['success'] = $this->language->get('text_success');
                $json[getenv('SANTRAL_OC_VERSION') === '2' ? 'token' : 'api_token'] = $token;
            }
        }
        $this->response->addHeader('Content-Type: application/json');
        $this->response->setOutput(json_encode($json));
    }
}
