<?php
/**
 * santral's drop-in replacement for the Bulutsantralim OpenCart plugin
 * (OpenCart 3.0 and 2.3): the routes `api/verimor/list_orders`,
 * `api/verimor/get_order_by_telephone_number` and
 * `api/verimor/update_order_status` with the parameters and reply shapes
 * the PBX expects. The work is done in
 * catalog/model/extension/santral/verimor.php.
 */
class ControllerApiVerimor extends Controller
{
    public function list_orders()
    {
        $json = array();
        if (!$this->santral()->allowed()) {
            $json['error']['warning'] = $this->permission();
        } else {
            $orders = $this->santral()->listOrders($this->param('date_added'));
            if ($orders === null) {
                $json['error']['warning'] = 'date_added must be a time written YYYY-MM-DD HH:MM:SS';
            } else {
                $json[] = $orders;
            }
        }
        $this->reply($json);
    }

    public function get_order_by_telephone_number()
    {
        $json = array();
        if (!$this->santral()->allowed()) {
            $json['error'] = $this->permission();
        } else {
            $order = $this->santral()->findByTelephone($this->param('telephone'));
            if ($order) {
                $json['order'] = $order;
                $json['status'] = 'success';
            } else {
                $json['status'] = 'not found';
            }
        }
        $this->reply($json);
    }

    public function update_order_status()
    {
        $json = array();
        if (!$this->santral()->allowed()) {
            $json['error'] = $this->permission();
        } else {
            $refused = $this->santral()->updateStatus($this->param('order_id'), $this->param('status'));
            if ($refused !== null) {
                $json['error'] = $refused;
            } else {
                $json['order'] = null;
            }
        }
        $this->reply($json);
    }

    private function santral()
    {
        $this->load->model('extension/santral/verimor');
        return $this->model_extension_santral_verimor;
    }

    /** A query parameter as text ('' when absent or not text). */
    private function param($name)
    {
        $v = isset($this->request->get[$name]) ? $this->request->get[$name] : '';
        return is_string($v) ? $v : '';
    }

    private function permission()
    {
        $this->load->language('api/order');
        return $this->language->get('error_permission');
    }

    private function reply(array $json)
    {
        $this->response->addHeader('Content-Type: application/json');
        $this->response->setOutput(json_encode($json));
    }
}
