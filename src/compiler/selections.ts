import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  Kind,
  type SelectionSetNode,
  getDirectiveValues,
  isAbstractType,
} from 'graphql';
import { roleOf } from '../modules/auth/auth.roles';
import { Unsupported } from './sql';

/**
 * Refuses a field that declares a role (NeedsRole): its resolver checks the role, and a compiled
 * statement runs no resolver, so the field is left to them, with the root field it is under.
 */
export function guarded(field: { extensions?: Readonly<Record<string, unknown>> | null }): void {
  if (roleOf(field)) throw new Unsupported();
}

/** The fields a selection set asks of a type, as GraphQL collects them, for the shapes the compiler takes. */
export class Selections {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  /** The fields of `selectionSet` that apply to `type`, by response key (fragments and @skip/@include applied). */
  collect(type: GraphQLObjectType, selectionSet: SelectionSetNode, into = new Map<string, FieldNode>()): Map<string, FieldNode> {
    for (const selection of selectionSet.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const seen = into.get(key);
        // The same key twice is merged by GraphQL; only plain repeated leaves are merged here.
        if (seen && (seen.selectionSet || selection.selectionSet || seen.name.value !== selection.name.value || seen.arguments?.length || selection.arguments?.length)) {
          throw new Unsupported();
        }
        into.set(key, selection);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments[selection.name.value];
        if (!fragment) throw new Unsupported();
        const condition = fragment.typeCondition?.name.value;
        if (condition && !this.applies(condition, type)) continue;
        this.collect(type, fragment.selectionSet, into);
      }
    }
    return into;
  }
  private applies(condition: string, type: GraphQLObjectType): boolean {
    if (condition === type.name) return true;
    const abstract = this.schema.getType(condition);
    return isAbstractType(abstract) && this.schema.isSubType(abstract, type);
  }
  private included(selection: { directives?: readonly { name: { value: string } }[] }): boolean {
    for (const directive of selection.directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') throw new Unsupported();
    }
    const node = selection as Parameters<typeof getDirectiveValues>[1];
    if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if === false) return false;
    return true;
  }
}
