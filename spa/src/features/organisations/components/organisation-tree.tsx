//! The left-hand tree: root is the caller's organisation, children load on expand.
import { Tag, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '@/i18n/i18n-provider';
import type { OrganisationTreeState } from './use-organisation-tree';

const MORE_PREFIX = 'more:';

export function OrganisationTree({
  rootId,
  tree,
  selectedId,
  onSelect,
}: {
  rootId: string;
  tree: OrganisationTreeState;
  selectedId?: string;
  onSelect: (id: string) => void;
}) {
  const { t } = useI18n();
  const { nodes, children } = tree;

  const treeData = useMemo(() => {
    const build = (id: string, seen: Set<string>): TreeDataNode | null => {
      const org = nodes[id];
      if (!org || seen.has(id)) return null;
      seen.add(id);
      const loaded = children[id];
      const kids: TreeDataNode[] | undefined = loaded
        ? [
            ...loaded.ids.map((childId) => build(childId, seen)).filter((node): node is TreeDataNode => node !== null),
            ...(loaded.next
              ? [
                  {
                    key: `${MORE_PREFIX}${id}`,
                    isLeaf: true,
                    title: (
                      <a data-testid={`tree-more-${id}`}>{t('organisation.moreChildren')}</a>
                    ),
                  },
                ]
              : []),
          ]
        : undefined;
      return {
        key: id,
        isLeaf: loaded ? kids?.length === 0 : !org.has_children,
        children: kids,
        title: (
          <span data-testid={`tree-node-${id}`} data-name={org.name}>
            {org.name}
            {org.status === 'archived' && (
              <Tag style={{ marginInlineStart: 6 }} color="default">
                {t('organisation.statuses.archived')}
              </Tag>
            )}
          </span>
        ),
      };
    };
    const root = build(rootId, new Set());
    return root ? [root] : [];
  }, [nodes, children, rootId, t]);

  return (
    <Tree
      data-testid="organisation-tree"
      blockNode
      showLine
      treeData={treeData}
      expandedKeys={tree.expanded}
      onExpand={(keys) => tree.setExpanded(keys.map(String))}
      loadedKeys={Object.keys(children)}
      loadData={(node) => tree.loadChildren(String(node.key))}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(_keys, info) => {
        const key = String(info.node.key);
        if (key.startsWith(MORE_PREFIX)) {
          void tree.loadChildren(key.slice(MORE_PREFIX.length), { more: true });
          return;
        }
        onSelect(key);
      }}
    />
  );
}
