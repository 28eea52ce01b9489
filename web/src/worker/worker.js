// The viewer's decoding worker: owns the WebAssembly module, the open file
// and every decoded record; the page talks to it only by messages (see
// ../ui/client.js for the protocol). Importing the package instantiates the
// module (a top-level await), so the page is told 'ready' once that is done
// and queues its messages until then.
import { Session, describeError } from './session.js';
import { decodeMessage } from './message.js';

let session = null;
let sessionId = 0; // the page numbers its files; requests about an older one are dropped

self.onmessage = async ({ data }) => {
  const reply = (message) => self.postMessage({ ...message, id: data.id, session: data.session });
  const stale = () => data.session !== sessionId || !session;
  try {
    switch (data.type) {
      case 'open': {
        session?.dispose();
        sessionId = data.session;
        session = new Session(data.file, (message) => self.postMessage({ ...message, session: data.session }));
        await session.decode();
        return;
      }
      case 'message':
        reply({ type: 'message', result: decodeMessage(data.request) });
        return;
      default:
    }
    if (stale()) return;
    switch (data.type) {
      case 'cancel':
        session.cancel();
        break;
      case 'rows': {
        const result = await session.rows(data.start, data.count, data.gen);
        if (result) reply({ type: 'rows', ...result });
        break;
      }
      case 'record':
        reply({ type: 'record', ...(await session.record(data.row)) });
        break;
      case 'query': {
        const result = await session.query(data.query, data.gen);
        if (result) reply({ type: 'view', ...result });
        break;
      }
      case 'export': {
        const result = await session.export(data.format, (fraction) => reply({ type: 'exportProgress', fraction }));
        reply({ type: 'export', format: data.format, ...result });
        break;
      }
      default:
        throw new Error(`unknown request ${data.type}`);
    }
  } catch (error) {
    reply({ type: 'failed', request: data.type, error: describeError(error, -1) });
  }
};

self.postMessage({ type: 'ready' });
