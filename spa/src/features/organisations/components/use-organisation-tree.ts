//! State of the lazily loaded organisation tree: nodes by id and, per loaded parent, the child ids
//! and the cursor of the next page.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Organisation } from '@/api/types';
import { fetchChildren } from '../api/organisations';

export interface ChildList {
  ids: string[];
  next: string | null;
}

export interface OrganisationTreeState {
  nodes: Record<string, Organisation>;
  children: Record<string, ChildList>;
  expanded: string[];
  setExpanded: (keys: string[]) => void;
  /** Loads the first page of children (unless loaded and not forced) or, with `more`, the next page. */
  loadChildren: (id: string, options?: { more?: boolean; force?: boolean }) => Promise<void>;
  /** Replaces what the tree knows about one organisation (after an edit). */
  putNode: (org: Organisation) => void;
  /** Loads the children of each id along the path and expands it. */
  expandPath: (ids: string[]) => Promise<void>;
}

export function useOrganisationTree(): OrganisationTreeState {
  const [nodes, setNodes] = useState<Record<string, Organisation>>({});
  const [children, setChildren] = useState<Record<string, ChildList>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  // Read by loadChildren (which must stay stable); updated together with the state.
  const childrenRef = useRef(children);
  useEffect(() => {
    childrenRef.current = children;
  }, [children]);
  const inflight = useRef(new Map<string, Promise<void>>());

  const putNode = useCallback((org: Organisation) => {
    setNodes((prev) => ({ ...prev, [org.id]: org }));
  }, []);

  const loadChildren = useCallback(async (id: string, options: { more?: boolean; force?: boolean } = {}) => {
    const known = childrenRef.current[id];
    if (known && !options.more && !options.force) return;
    const key = `${id}:${options.more ? 'more' : 'first'}`;
    const running = inflight.current.get(key);
    if (running) return running;
    const task = (async () => {
      const cursor = options.more ? known?.next : undefined;
      const page = await fetchChildren(id, cursor);
      setNodes((prev) => {
        const next = { ...prev };
        for (const org of page.items) next[org.id] = org;
        return next;
      });
      setChildren((prev) => {
        const previous = options.more ? (prev[id]?.ids ?? []) : [];
        const ids = [...previous, ...page.items.map((org) => org.id).filter((childId) => !previous.includes(childId))];
        const updated = { ...prev, [id]: { ids, next: page.next_cursor ?? null } };
        childrenRef.current = updated;
        return updated;
      });
    })().finally(() => inflight.current.delete(key));
    inflight.current.set(key, task);
    return task;
  }, []);

  const expandPath = useCallback(
    async (ids: string[]) => {
      for (const id of ids) await loadChildren(id);
      setExpanded((prev) => [...new Set([...prev, ...ids])]);
    },
    [loadChildren],
  );

  return { nodes, children, expanded, setExpanded, loadChildren, putNode, expandPath };
}
