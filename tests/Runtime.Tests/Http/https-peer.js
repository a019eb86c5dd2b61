// Node's side of HttpsNodeTests: an https server that echoes, and, once Loopwire's HTTPS server's port arrives on
// stdin, Node's https client against it. Prints its port first, then one line per answer it got.
'use strict';
const https = require('https');
const fs = require('fs');
const readline = require('readline');

const [keyPath, certPath] = process.argv.slice(2);
const key = fs.readFileSync(keyPath);
const cert = fs.readFileSync(certPath);

const server = https.createServer({ key, cert }, (req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', chunk => body += chunk);
  req.on('end', () => res.end(`node ${req.method} ${req.url} ${body}`));
});

function request(agent, port, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, method, path, agent }, res => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', chunk => text += chunk);
      res.on('end', () => resolve(`${res.statusCode} ${text} reused=${req.reusedSocket}`));
    });
    req.on('error', reject);
    req.end(body);
  });
}

server.listen(0, '127.0.0.1', () => {
  console.log(server.address().port);
  readline.createInterface({ input: process.stdin }).once('line', async line => {
    const agent = new https.Agent({ keepAlive: true, ca: cert });
    console.log(await request(agent, Number(line), 'POST', '/items', 'ab'));
    console.log(await request(agent, Number(line), 'GET', '/again'));
    agent.destroy();
    server.close();
    process.stdin.destroy();
  });
});
