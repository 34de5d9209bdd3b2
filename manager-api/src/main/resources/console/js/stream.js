// GET /events/stream read with fetch (EventSource cannot send the token and Tenant headers). Each message goes to
// onEvent; after a dropped connection it reconnects with Last-Event-ID, so no event is lost or repeated; the
// server's closing `end` message ends it for good.
import {authHeaders} from './api.js';

const RETRY_MS = 2000;

export function follow(path, {onEvent, onEnd, onError}) {
  const controller = new AbortController();
  let lastId = null;
  let ended = false;

  async function connect() {
    while (!ended && !controller.signal.aborted) {
      try {
        const headers = authHeaders({'Accept': 'text/event-stream'});
        if (lastId !== null) {
          headers['Last-Event-ID'] = lastId;
        }
        const response = await fetch(path, {headers, signal: controller.signal, credentials: 'omit', cache: 'no-store'});
        if (!response.ok) {
          onError?.(new Error(`The event stream answered ${response.status}`), response.status);
          if (response.status >= 400 && response.status < 500) {
            return; // not found, refused: retrying would not help
          }
        } else {
          await read(response.body);
        }
      } catch (e) {
        if (controller.signal.aborted) {
          return;
        }
        onError?.(e);
      }
      if (!ended) {
        await new Promise(resolve => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, '\n');
      let boundary;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.substring(0, boundary));
        buffer = buffer.substring(boundary + 2);
      }
    }
  }

  function dispatch(block) {
    let id = null;
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.substring(0, colon);
      let value = colon < 0 ? '' : line.substring(colon + 1);
      if (value.startsWith(' ')) {
        value = value.substring(1);
      }
      if (field === 'id') {
        id = value;
      } else if (field === 'event') {
        name = value;
      } else if (field === 'data') {
        data.push(value);
      }
    }
    if (data.length === 0) {
      return;
    }
    let payload;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    if (id !== null) {
      lastId = id;
    }
    if (name === 'end') {
      ended = true;
      onEnd?.(payload);
    } else {
      onEvent(payload, id);
    }
  }

  connect();
  return {close: () => controller.abort()};
}
