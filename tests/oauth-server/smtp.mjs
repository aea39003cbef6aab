// A real SMTP server on loopback for the tests: one account, AUTH PLAIN/LOGIN, every accepted
// message appended as a JSON line to the file given. Without a key and certificate it speaks
// plain SMTP (loopback only); with them it offers STARTTLS and refuses AUTH before it.
// Usage: node smtp.mjs PORT USER PASSWORD [MESSAGES.jsonl] [KEY.pem CERT.pem]
import { SMTPServer } from "smtp-server";
import { appendFileSync, readFileSync } from "node:fs";

const [port, user, password, out, keyFile, certFile] = process.argv.slice(2);
const tls = keyFile && certFile ? { key: readFileSync(keyFile), cert: readFileSync(certFile) } : null;

const server = new SMTPServer({
  secure: false,
  ...(tls ? { ...tls, allowInsecureAuth: false } : { disabledCommands: ["STARTTLS"], allowInsecureAuth: true }),
  authMethods: ["PLAIN", "LOGIN"],
  onAuth(auth, _session, callback) {
    if (auth.username === user && auth.password === password) return callback(null, { user });
    const err = new Error("Authentication credentials invalid");
    err.responseCode = 535;
    return callback(err);
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      if (out) {
        const record = {
          tls: Boolean(session.secure),
          from: session.envelope.mailFrom && session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8"),
        };
        appendFileSync(out, JSON.stringify(record) + "\n");
      }
      callback();
    });
  },
});
server.listen(Number(port), "127.0.0.1", () => console.log(`listening ${port}`));
