import type { EncodedRequest, SendResult, Target, TargetStats } from '@logweave/core';

interface Member {
  target: Target;
  attempts: number;
  failures: number;
  /** Passed over until then (a Date.now() time) after a retryable failure. */
  downUntil: number;
}

/**
 * The targets of a composite with their health. A member that fails is passed over for
 * `cooldownMillis`, then tried again first in its turn, so traffic returns to it as soon as it
 * accepts again.
 */
export class Members {
  readonly #members: Member[];
  readonly #cooldownMillis: number;

  constructor(targets: readonly Target[], cooldownMillis: number) {
    this.#members = targets.map((target) => ({ target, attempts: 0, failures: 0, downUntil: 0 }));
    this.#cooldownMillis = cooldownMillis;
  }

  get size(): number {
    return this.#members.length;
  }

  /**
   * One round: the members from `start` on, live ones first, then those cooling down, until one
   * accepts the request or refuses it for good. Fails, retryably, only when every member failed;
   * the sink's retry then starts another round.
   */
  async sendRound(request: EncodedRequest, signal: AbortSignal, start: number): Promise<SendResult> {
    let last: SendResult = { ok: false, retryable: true, error: 'no member tried' };
    for (const member of this.#order(start)) {
      if (signal.aborted) break;
      member.attempts++;
      const result = await member.target.send(request, signal);
      if (result.ok) {
        member.downUntil = 0;
        return result;
      }
      member.failures++;
      if (!result.retryable) return { ...result, error: `${member.target.name}: ${result.error}` };
      member.downUntil = Date.now() + this.#cooldownMillis;
      last = { ...result, error: `${member.target.name}: ${result.error}` };
    }
    return last;
  }

  stats(): TargetStats[] {
    const now = Date.now();
    return this.#members.map((m) => ({ name: m.target.name, attempts: m.attempts, failures: m.failures, healthy: m.downUntil <= now }));
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.#members.map((m) => m.target.close()));
  }

  #order(start: number): Member[] {
    const now = Date.now();
    const n = this.#members.length;
    const rotated = this.#members.map((_, i) => this.#members[(start + i) % n]!);
    return [...rotated.filter((m) => m.downUntil <= now), ...rotated.filter((m) => m.downUntil > now)];
  }
}
