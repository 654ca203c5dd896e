import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { Viewer } from './auth.roles';

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: "The request's token; null for an anonymous request." })
  viewer(@Ctx() ctx: Context): Viewer | null {
    return ctx.viewer;
  }
}
