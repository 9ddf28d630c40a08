import {parentPort} from 'node:worker_threads';
import {readTexts, type ReadRequest} from './read-page';

parentPort?.on('message', ({id, request}: {id: number; request: ReadRequest}) => {
  try {
    parentPort?.postMessage({id, result: readTexts(request)});
  } catch (error) {
    parentPort?.postMessage({id, error: String((error as Error).stack ?? error)});
  }
});
