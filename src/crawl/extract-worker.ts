/** One extraction worker of the crawler's pool (extract-pool.ts): decodes and extracts the pages it is sent. */
import { parentPort } from 'node:worker_threads';
import { reasonOf } from '../errors.js';
import { extractPage, type ExtractAnswer, type ExtractJob } from './extract-pool.js';

const port = parentPort!;
port.on('message', (job: ExtractJob) => {
  let answer: ExtractAnswer;
  try {
    answer = { id: job.id, result: extractPage(job.body, job.contentType, job.options, job.prepare) };
  } catch (err) {
    answer = { id: job.id, error: reasonOf(err) };
  }
  port.postMessage(answer);
});
