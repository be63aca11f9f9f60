//! /organisations and /organisations/:id — the tree on the left, the selected organisation on the right.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Col, Empty, Result, Row, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError, isApiError } from '@/lib/api-error';
import { canUpdateOrganisation, hasPermission, PERMISSIONS } from '@/lib/permissions';
import { useMe } from '@/lib/session';
import {
  archiveOrganisation,
  orgKeys,
  restoreOrganisation,
  useAncestors,
  useOrganisation,
  type Versioned,
} from '../api/organisations';
import { MoveOrganisationModal } from '../components/move-organisation-modal';
import { OrganisationDetail } from '../components/organisation-detail';
import { OrganisationFormModal } from '../components/organisation-form-modal';
import { OrganisationTree } from '../components/organisation-tree';
import { useOrganisationTree } from '../components/use-organisation-tree';

type Dialog = 'create' | 'edit' | 'move' | null;

export function OrganisationBrowserPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id } = useParams<{ id: string }>();
  const me = useMe().data;
  const rootId = me?.organisation_id ?? '';
  const selectedId = id ?? rootId;

  const tree = useOrganisationTree();
  const { putNode, expandPath, loadChildren } = tree;
  const root = useOrganisation(rootId);
  const detail = useOrganisation(selectedId);
  const ancestors = useAncestors(detail.data ? selectedId : undefined);
  const [dialog, setDialog] = useState<Dialog>(null);

  // The root of the caller's scope, expanded one level.
  useEffect(() => {
    if (!root.data) return;
    putNode(root.data.organisation);
    void expandPath([root.data.organisation.id]).catch(() => undefined);
  }, [root.data, putNode, expandPath]);

  // A deep link opens the tree down to the selected organisation.
  useEffect(() => {
    if (!ancestors.data) return;
    const path = ancestors.data.items.map((item) => item.id);
    void expandPath(path.slice(0, -1)).catch(() => undefined);
  }, [ancestors.data, expandPath]);

  const refreshAfterWrite = async (saved: Versioned, parentsToReload: (string | null | undefined)[]) => {
    queryClient.setQueryData(orgKeys.detail(saved.organisation.id), saved);
    putNode(saved.organisation);
    const parents = [...new Set(parentsToReload.filter((p): p is string => !!p))];
    await Promise.all(parents.map((parent) => loadChildren(parent, { force: true }).catch(() => undefined)));
    await Promise.all(parents.map((parent) => queryClient.invalidateQueries({ queryKey: orgKeys.detail(parent) })));
    await queryClient.invalidateQueries({ queryKey: ['organisations', 'ancestors'] });
    await queryClient.invalidateQueries({ queryKey: ['organisations', 'search'] });
  };

  const onStale = () => {
    void message.warning(t('organisation.staleReloaded'));
    void queryClient.invalidateQueries({ queryKey: orgKeys.detail(selectedId) });
  };

  const statusChange = useMutation({
    mutationFn: ({ action, target }: { action: 'archive' | 'restore'; target: Versioned }) =>
      action === 'archive'
        ? archiveOrganisation(target.organisation.id, target.etag)
        : restoreOrganisation(target.organisation.id, target.etag),
    onSuccess: async (saved, { action }) => {
      await refreshAfterWrite(saved, [saved.organisation.parent_id]);
      void message.success(t(action === 'archive' ? 'organisation.archived' : 'organisation.restored'));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) onStale();
      else void message.error(errorMessage(error));
    },
  });

  // Keep the selected organisation's own node fresh (name or status changed elsewhere).
  useEffect(() => {
    if (detail.data) putNode(detail.data.organisation);
  }, [detail.data, putNode]);

  const renderDetail = () => {
    if (detail.isPending) return <Skeleton active />;
    if (isApiError(detail.error, 404) || isApiError(detail.error, 403)) {
      return (
        <div data-testid="organisation-not-found">
          <Result status="404" title={t('organisation.notFoundTitle')} subTitle={t('organisation.notFoundText')} />
        </div>
      );
    }
    if (detail.isError) return <ProblemAlert error={detail.error} onRetry={() => void detail.refetch()} />;
    const current = detail.data;
    const org = current.organisation;
    return (
      <OrganisationDetail
        organisation={org}
        ancestors={ancestors.data?.items}
        actions={{
          canWrite: hasPermission(me, PERMISSIONS.organisationsWrite),
          canUpdate: canUpdateOrganisation(me),
          isScopeRoot: org.id === rootId || !org.parent_id,
          busy: statusChange.isPending,
          onCreateChild: () => setDialog('create'),
          onEdit: () => setDialog('edit'),
          onMove: () => setDialog('move'),
          onArchive: () => statusChange.mutate({ action: 'archive', target: current }),
          onRestore: () => statusChange.mutate({ action: 'restore', target: current }),
        }}
      />
    );
  };

  const current = detail.data;
  return (
    <Row gutter={16} align="top">
      <Col xs={24} lg={8} xl={7}>
        <Card title={t('organisation.treeTitle')} size="small" styles={{ body: { overflowX: 'auto' } }}>
          {root.isPending && <Skeleton active />}
          {root.isError && <ProblemAlert error={root.error} onRetry={() => void root.refetch()} />}
          {root.data && (
            <OrganisationTree
              rootId={rootId}
              tree={tree}
              selectedId={selectedId}
              onSelect={(key) => void navigate(`/organisations/${key}`)}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={16} xl={17}>
        {selectedId ? renderDetail() : <Empty description={t('organisation.selectHint')} />}
      </Col>

      {dialog === 'create' && current && (
        <OrganisationFormModal
          mode="create"
          parent={current.organisation}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            void message.success(t('organisation.created', { name: saved.organisation.name }));
            const parentId = current.organisation.id;
            void refreshAfterWrite(saved, [parentId]).then(() => expandPath([parentId]));
            void navigate(`/organisations/${saved.organisation.id}`);
          }}
        />
      )}
      {dialog === 'edit' && current && (
        <OrganisationFormModal
          mode="edit"
          target={current}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            void message.success(t('organisation.updated'));
            void refreshAfterWrite(saved, []);
          }}
        />
      )}
      {dialog === 'move' && current && (
        <MoveOrganisationModal
          target={current}
          onClose={() => setDialog(null)}
          onStale={() => {
            setDialog(null);
            onStale();
          }}
          onMoved={(moved, oldParentId) => {
            setDialog(null);
            void message.success(t('organisation.moved'));
            void refreshAfterWrite(moved, [oldParentId, moved.organisation.parent_id]);
          }}
        />
      )}
    </Row>
  );
}
