import { Arg, Field } from 'type-graphql';
import { type EnumValue, defineEnum } from './enums';

/** Which version of the records a read sees. */
export const Stage = defineEnum('Stage', ['PUBLISHED', 'DRAFT'], {
  description: 'Which version of the records a read sees: PUBLISHED (everyone) or DRAFT, the latest edits (EDITOR and above).',
});
export type Stage = EnumValue<typeof Stage>;

/** The name of the argument every root read field takes. */
export const STAGE_ARGUMENT = 'stage';

/**
 * The extension a mutation declares (`@Extensions({ [STAGELESS]: true })`) when it changes no
 * content: it runs on the published database with the role its own guard asks, not the write
 * side's EDITOR and draft stage (the trusted documents' registry, the saved queries).
 */
export const STAGELESS = 'stageless';

const STAGE_OPTIONS = {
  defaultValue: Stage.PUBLISHED,
  nullable: true,
  description: 'PUBLISHED (default) or DRAFT: the latest edits, for EDITOR and above. One operation reads one stage.',
};

/**
 * The `stage: Stage = PUBLISHED` argument of a root read field. Its value is read once per
 * operation, before anything runs (see limits/stage.ts): one operation reads one stage, and its
 * whole context (SQL, loaders) is that stage's, so resolvers need not look at it.
 */
export function StageArg(): ReturnType<typeof Arg> {
  return Arg(STAGE_ARGUMENT, () => Stage, STAGE_OPTIONS);
}

/** The same argument as a field of an @ArgsType class (a root list's), on its property STAGE_ARGUMENT. */
export function StageField(): ReturnType<typeof Field> {
  return Field(() => Stage, STAGE_OPTIONS);
}
