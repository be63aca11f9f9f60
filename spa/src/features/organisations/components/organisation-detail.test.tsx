import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Organisation } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { OrganisationDetail, type OrganisationActions } from './organisation-detail';

function organisation(extra: Partial<Organisation> = {}): Organisation {
  return {
    id: 'o1',
    parent_id: 'p1',
    depth: 4,
    name: '南江镇工会',
    short_name: null,
    kind: 'township_union',
    division_code: '511922',
    address: '南江镇',
    credit_code: null,
    ownership: null,
    industry: null,
    headcount: 120,
    women_headcount: 40,
    founded_on: '2010-05-01',
    legal_person_certificate: null,
    chair_name: '张三',
    chair_contact: null,
    status: 'active',
    has_children: true,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    allowed_actions: ['archive'],
    version: 3,
    ...extra,
  };
}

function actions(extra: Partial<OrganisationActions> = {}): OrganisationActions {
  return {
    canWrite: true,
    canUpdate: true,
    isScopeRoot: false,
    busy: false,
    onCreateChild: vi.fn(),
    onEdit: vi.fn(),
    onMove: vi.fn(),
    onArchive: vi.fn(),
    onRestore: vi.fn(),
    ...extra,
  };
}

function renderDetail(org: Organisation, extra: Partial<OrganisationActions> = {}) {
  renderWithProviders(<OrganisationDetail organisation={org} ancestors={undefined} actions={actions(extra)} />);
}

describe('OrganisationDetail: archive and restore', () => {
  it('offers archive on an active organisation when the server allows it', () => {
    renderDetail(organisation());
    expect(screen.getByTestId('action-archive')).toBeInTheDocument();
    expect(screen.queryByTestId('action-restore')).not.toBeInTheDocument();
    expect(screen.getByTestId('action-move')).toBeInTheDocument();
  });

  it('offers restore on an archived organisation when the server allows it', () => {
    renderDetail(organisation({ status: 'archived', allowed_actions: ['restore'] }));
    expect(screen.getByTestId('action-restore')).toBeInTheDocument();
    expect(screen.queryByTestId('action-archive')).not.toBeInTheDocument();
  });

  it('offers neither when the server allows neither (the caller’s own home organisation, the root)', () => {
    renderDetail(organisation({ allowed_actions: [] }));
    expect(screen.queryByTestId('action-archive')).not.toBeInTheDocument();
    expect(screen.queryByTestId('action-restore')).not.toBeInTheDocument();
    renderDetail(organisation({ id: 'o2', status: 'archived', allowed_actions: [] }));
    expect(screen.queryByTestId('action-restore')).not.toBeInTheDocument();
  });
});
