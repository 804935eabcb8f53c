<?php
declare(strict_types=1);

namespace Santral\Tests;

/** A PHP built-in web server on a free loopback port, stopped with the object. */
final class Served
{
    public readonly string $url;
    public readonly string $log;
    /** @var resource */
    private $process;

    /** @param list<string> $ini `-d` settings; @param array<string,string> $env */
    public function __construct(string $router, array $ini, array $env)
    {
        $sock = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) explode(':', (string) stream_socket_get_name($sock, false))[1];
        fclose($sock);
        $this->log = tempnam(sys_get_temp_dir(), 'santral-served-');
        $cmd = [PHP_BINARY];
        foreach ($ini as $setting) {
            $cmd[] = '-d';
            $cmd[] = $setting;
        }
        array_push($cmd, '-S', "127.0.0.1:$port", $router);
        $env += ['PATH' => (string) getenv('PATH')];
        $process = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $this->log, 'w'], 2 => ['file', $this->log, 'a']], $pipes, null, $env);
        if ($process === false) {
            throw new \RuntimeException('php -S did not start');
        }
        $this->process = $process;
        $this->url = "http://127.0.0.1:$port";
        $deadline = microtime(true) + 20;
        while (!($c = @fsockopen('127.0.0.1', $port)) && microtime(true) < $deadline) {
            usleep(50000);
        }
        if (!$c) {
            throw new \RuntimeException('php -S did not listen: ' . file_get_contents($this->log));
        }
        fclose($c);
    }

    /**
     * One real HTTP request.
     * @param array<string,string> $headers
     * @return array{0:int, 1:string}
     */
    public function request(string $method, string $path, string $body = '', array $headers = []): array
    {
        $lines = ['Content-Type: application/x-www-form-urlencoded'];
        foreach ($headers as $k => $v) {
            $lines[] = "$k: $v";
        }
        $ctx = stream_context_create(['http' => ['method' => $method, 'header' => implode("\r\n", $lines), 'content' => $body, 'ignore_errors' => true, 'timeout' => 10]]);
        $got = file_get_contents($this->url . $path, false, $ctx);
        $status = 0;
        foreach ($http_response_header ?? [] as $h) {
            if (preg_match('#^HTTP/\S+ (\d{3})#', $h, $m)) {
                $status = (int) $m[1];
            }
        }
        return [$status, (string) $got];
    }

    public function __destruct()
    {
        proc_terminate($this->process);
        proc_close($this->process);
        @unlink($this->log);
    }
}
