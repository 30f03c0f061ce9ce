import { createMemoryQueue } from '../../services/notify/memoryQueue.js';
import { runQueueConformance } from '../services/queueConformance.js';

runQueueConformance('memory', () => {
  const queue = createMemoryQueue();
  return Promise.resolve({
    queue,
    sendRaw: (text: string) => {
      queue.sendRaw(text);
      return Promise.resolve();
    },
    cleanup: () => Promise.resolve(),
  });
});
