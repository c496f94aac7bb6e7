import { foldCaseFile, type StampedEvent } from '../../domain/case-file/evolve';
import { type CaseFile, CaseFileSchema } from '../../domain/case-file/schema';
import type { Actor, Command } from '../../domain/commands';
import { Case } from './support';

/** A case driven through the real decider whose events keep who gave each step and when. */
export class StampedCase extends Case {
  stamped: StampedEvent[] = [];

  override do(stepCommand: Command, actor: Actor, now = this.now): this {
    const before = this.events.length;
    super.do(stepCommand, actor, now);
    const by = actor.role === 'system' ? null : actor.id;
    for (const event of this.events.slice(before)) this.stamped.push({ ...event, at: this.now, by });
    return this;
  }

  get file(): CaseFile {
    const file = foldCaseFile(this.stamped);
    if (!file) throw new Error('no file');
    return CaseFileSchema.parse(file);
  }
}
