import { Navigate } from 'react-router';
import { landingPath } from '@/lib/landing';
import { useMe } from '@/lib/session';

/** The index route: each account lands where its work is (`RequireAuth` has loaded `me` already). */
export function HomeRedirect() {
  const me = useMe().data;
  return <Navigate to={landingPath(me)} replace />;
}
