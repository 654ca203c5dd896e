import { type AuthCheckerFn, Authorized, Extensions, Field, ObjectType } from 'type-graphql';
import { type EnumValue, defineEnum } from '../../shared/enums';
import { ForbiddenError } from '../../shared/errors';

/** What a token may do; each role includes the ones before it. */
export const Role = defineEnum('Role', ['READER', 'EDITOR', 'PUBLISHER', 'ADMIN'], {
  description: 'What a token may do; each role includes the ones before it: READER < EDITOR < PUBLISHER < ADMIN.',
});
export type Role = EnumValue<typeof Role>;

/** The roles in order, lowest first. */
export const ROLES: readonly Role[] = [Role.READER, Role.EDITOR, Role.PUBLISHER, Role.ADMIN];

/** True for one of ROLES. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who the request's token belongs to. */
@ObjectType({ description: "Who the request's token belongs to." })
export class Viewer {
  @Field(() => String, { description: "The token's name." })
  name!: string;

  @Field(() => Role)
  role!: Role;

  static of(name: string, role: Role): Viewer {
    return Object.assign(new Viewer(), { name, role });
  }
}

/** True when `viewer` holds `role` or a higher one (an anonymous request holds none). */
export function holds(viewer: Viewer | null, role: Role): boolean {
  return viewer !== null && ROLES.indexOf(viewer.role) >= ROLES.indexOf(role);
}

/** Throws FORBIDDEN unless `viewer` holds `role`; `what` says what was asked for. */
export function requireRole(viewer: Viewer | null, role: Role, what: string): void {
  if (holds(viewer, role)) return;
  const who = viewer ? `the token "${viewer.name}" has the role ${viewer.role}` : 'the request has no token (Authorization: Bearer <token>)';
  throw new ForbiddenError(`${what} needs the role ${role} or higher; ${who}.`);
}

/** The extension under which a field declares the role it needs (see NeedsRole). */
const ROLE_EXTENSION = 'role';

/**
 * Declares, on the field, query or mutation it guards, the role it needs: type-graphql runs
 * `authorize` before its resolver, and the declaration is in the field's `extensions` for
 * what answers without resolvers (the selection compiler leaves such a field to them; the
 * exports list a guarded list only to its role).
 */
export function NeedsRole(role: Role): MethodDecorator & PropertyDecorator {
  // Both decorators read only the target and the key, not the descriptor.
  return (target: object, key: string | symbol) => {
    (Authorized(role) as PropertyDecorator)(target, key);
    (Extensions({ [ROLE_EXTENSION]: role }) as PropertyDecorator)(target, key);
  };
}

/** The role a schema field declares (NeedsRole); null for a field anyone may read. */
export function roleOf(field: { extensions?: Readonly<Record<string, unknown>> | null }): Role | null {
  const role = field.extensions?.[ROLE_EXTENSION];
  return isRole(role) ? role : null;
}

/**
 * type-graphql's authChecker (schema.ts): FORBIDDEN, naming the field, unless the request's
 * viewer holds the role the field declares.
 */
export const authorize: AuthCheckerFn<{ viewer: Viewer | null }, Role> = ({ context, info }, roles) => {
  for (const role of roles) requireRole(context.viewer, role, `${info.parentType.name}.${info.fieldName}`);
  return true;
};
