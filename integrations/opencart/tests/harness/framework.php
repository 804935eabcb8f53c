<?php
/**
 * What the plugin touches of OpenCart, written for the tests (OpenCart's
 * code is not in this repository): the registry, controllers and models
 * reading it, the loader, the request, response, session, configuration,
 * language strings and `db` over mysqli with OpenCart's query result shape
 * (`row`, `rows`, `num_rows`). The same object names and behaviour the
 * plugin relies on in OpenCart 3.0 and 2.3.
 */

final class Registry
{
    private $data = array();

    public function get($key)
    {
        return isset($this->data[$key]) ? $this->data[$key] : null;
    }

    public function set($key, $value)
    {
        $this->data[$key] = $value;
    }

    public function has($key)
    {
        return isset($this->data[$key]);
    }
}

abstract class Controller
{
    protected $registry;

    public function __construct($registry)
    {
        $this->registry = $registry;
    }

    public function __get($key)
    {
        return $this->registry->get($key);
    }
}

abstract class Model extends Controller
{
}

final class Loader
{
    private $registry;
    /** @var string[] catalog/ folders, searched in order */
    private $catalogs;

    public function __construct($registry, array $catalogs)
    {
        $this->registry = $registry;
        $this->catalogs = $catalogs;
    }

    public function model($route)
    {
        $key = 'model_' . str_replace('/', '_', $route);
        if ($this->registry->has($key)) {
            return;
        }
        $file = $this->find('model/' . $route . '.php');
        require_once $file;
        $class = 'Model' . preg_replace('/[^a-zA-Z0-9]/', '', $route);
        $this->registry->set($key, new $class($this->registry));
    }

    public function controller($route, $method)
    {
        require_once $this->find('controller/' . $route . '.php');
        $class = 'Controller' . preg_replace('/[^a-zA-Z0-9]/', '', $route);
        $controller = new $class($this->registry);
        if (!is_callable(array($controller, $method)) || substr($method, 0, 2) === '__') {
            throw new RuntimeException("no route $route/$method");
        }
        $controller->$method();
    }

    public function language($route)
    {
        $this->registry->get('language')->load($route);
    }

    private function find($relative)
    {
        foreach ($this->catalogs as $dir) {
            if (is_file($dir . '/' . $relative)) {
                return $dir . '/' . $relative;
            }
        }
        throw new RuntimeException("no file $relative");
    }
}

final class Request
{
    public $get;
    public $post;
    public $server;

    /** OpenCart's request cleaning: trimmed, HTML-escaped (ENT_COMPAT) text, arrays cleaned within. */
    public function __construct(array $get, array $post, array $server)
    {
        $this->get = self::clean($get);
        $this->post = self::clean($post);
        $this->server = self::clean($server);
    }

    private static function clean($data)
    {
        if (is_array($data)) {
            $out = array();
            foreach ($data as $k => $v) {
                $out[self::clean($k)] = self::clean($v);
            }
            return $out;
        }
        return trim(htmlspecialchars((string)$data, ENT_COMPAT, 'UTF-8'));
    }
}

final class Response
{
    private $headers = array();
    private $output = '';

    public function addHeader($header)
    {
        $this->headers[] = $header;
    }

    public function setOutput($output)
    {
        $this->output = $output;
    }

    public function getOutput()
    {
        return $this->output;
    }

    public function getHeaders()
    {
        return $this->headers;
    }
}

final class Session
{
    public $data = array();
}

final class Config
{
    private $data = array();

    public function get($key)
    {
        return isset($this->data[$key]) ? $this->data[$key] : null;
    }

    public function set($key, $value)
    {
        $this->data[$key] = $value;
    }
}

final class Language
{
    /** OpenCart's en-gb strings the plugin and the login read. */
    const STRINGS = array(
        'api/order' => array('error_permission' => 'Warning: You do not have permission to access the API!'),
        'api/login' => array('text_success' => 'Success: API session successfully started!', 'error_key' => 'Warning: Incorrect API Key!', 'error_ip' => 'Warning: Your IP %s is not allowed to access this API!'),
    );
    private $data = array();

    public function load($route)
    {
        if (isset(self::STRINGS[$route])) {
            $this->data = array_merge($this->data, self::STRINGS[$route]);
        }
    }

    public function get($key)
    {
        return isset($this->data[$key]) ? $this->data[$key] : $key;
    }
}

/** OpenCart's DB\MySQLi: text SQL, escape(), results as {row, rows, num_rows}. */
final class DB
{
    /** @var mysqli */
    private $link;
    /** @var string[] every statement run, for the tests */
    public $log = array();

    public function __construct(mysqli $link)
    {
        $this->link = $link;
    }

    public function query($sql)
    {
        $this->log[] = $sql;
        $query = $this->link->query($sql);
        if ($query instanceof mysqli_result) {
            $rows = array();
            while ($row = $query->fetch_assoc()) {
                $rows[] = $row;
            }
            $result = new stdClass();
            $result->num_rows = $query->num_rows;
            $result->row = isset($rows[0]) ? $rows[0] : array();
            $result->rows = $rows;
            $query->close();
            return $result;
        }
        if ($query === true) {
            return true;
        }
        throw new Exception('Error: ' . $this->link->error . '<br />Error No: ' . $this->link->errno . '<br />' . $sql);
    }

    public function escape($value)
    {
        return $this->link->real_escape_string($value);
    }

    public function getLastId()
    {
        return $this->link->insert_id;
    }
}

/** Connects to the test's MariaDB (SANTRAL_OC_DB: socket path; SANTRAL_OC_DATABASE: its name). */
function santral_oc_mysqli()
{
    mysqli_report(MYSQLI_REPORT_OFF);
    $link = new mysqli('localhost', 'root', '', (string)getenv('SANTRAL_OC_DATABASE'), 0, (string)getenv('SANTRAL_OC_DB'));
    if ($link->connect_errno) {
        throw new RuntimeException('MariaDB: ' . $link->connect_error);
    }
    $link->set_charset('utf8mb4');
    // OpenCart sets the connection's zone to PHP's (the shop's zone).
    $link->query("SET time_zone = '" . $link->real_escape_string(date('P')) . "'");
    $link->query("SET SESSION sql_mode = 'NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'");
    return $link;
}

/**
 * A registry as OpenCart's front controller builds it for one request:
 * the store's settings loaded into the configuration, the API session
 * started from `api_token` (3.0) or `token` (2.3) when its row, an active
 * API user and the client's IP agree.
 */
function santral_oc_registry(mysqli $link, Request $request, $version = 3)
{
    $registry = new Registry();
    $db = new DB($link);
    $registry->set('db', $db);
    $registry->set('request', $request);
    $registry->set('response', new Response());
    $registry->set('session', new Session());
    $registry->set('language', new Language());
    $config = new Config();
    $registry->set('config', $config);
    $registry->set('load', new Loader($registry, array(dirname(__DIR__, 2) . '/upload/catalog', __DIR__ . '/catalog')));
    foreach ($db->query("SELECT * FROM `" . DB_PREFIX . "setting` WHERE store_id = '0'")->rows as $s) {
        $config->set($s['key'], $s['serialized'] ? json_decode($s['value'], true) : $s['value']);
    }
    $param = $version === 2 ? 'token' : 'api_token';
    $route = isset($request->get['route']) ? $request->get['route'] : '';
    if (isset($request->get[$param]) && substr($route, 0, 4) === 'api/') {
        $q = $db->query("SELECT DISTINCT * FROM `" . DB_PREFIX . "api` a LEFT JOIN `" . DB_PREFIX . "api_session` s ON (a.api_id = s.api_id)"
            . " LEFT JOIN `" . DB_PREFIX . "api_ip` ai ON (a.api_id = ai.api_id) WHERE a.status = '1' AND s.session_id = '"
            . $db->escape($request->get[$param]) . "' AND ai.ip = '" . $db->escape(isset($request->server['REMOTE_ADDR']) ? $request->server['REMOTE_ADDR'] : '') . "'");
        if ($q->num_rows) {
            $registry->get('session')->data['api_id'] = (int)$q->row['api_id'];
        }
    }
    return $registry;
}

/** Runs `route` (`api/login`, `api/verimor/<method>`) and returns the response. */
function santral_oc_dispatch(Registry $registry)
{
    $route = (string)$registry->get('request')->get['route'];
    $parts = explode('/', $route);
    $method = count($parts) > 2 ? array_pop($parts) : 'index';
    $registry->get('load')->controller(implode('/', $parts), $method);
    return $registry->get('response');
}
