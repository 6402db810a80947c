/** Page requests to the host, matched to their answers by a request id; answers to requests from before a reset are dropped. */
import type { RowsPageDto, RowsRequestDto } from '../../protocol/rows';
import { post } from '../vscodeApi';

export type PageAnswer = (page: RowsPageDto | null, problem: string | undefined) => void;

export class RowsClient {
  private next = 1;
  private readonly waiting = new Map<number, PageAnswer>();

  /** Asks for a page; `answer` is called once with it (or with why there is none), unless `reset` comes first. */
  request(request: Omit<RowsRequestDto, 'requestId'>, answer: PageAnswer): void {
    const requestId = this.next++;
    this.waiting.set(requestId, answer);
    post({ type: 'rows', requestId, ...request });
  }

  /** The host's answer to a request. */
  answer(requestId: number, page: RowsPageDto | null, problem: string | undefined): void {
    const waiting = this.waiting.get(requestId);
    this.waiting.delete(requestId);
    waiting?.(page, problem);
  }

  /** Forgets every request not yet answered (a new result came: their pages are of the old fit). */
  reset(): void {
    this.waiting.clear();
  }
}
