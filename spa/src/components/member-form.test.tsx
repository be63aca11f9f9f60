import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, Form } from 'antd';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { EMPTY_MEMBER_FORM, memberSaveMessages, type MemberFormValues } from '@/lib/member-form-values';
import { renderWithProviders } from '@/test/render';
import { MemberForm } from './member-form';

const CODE_LISTS = {
  items: [
    { name: 'genders', description: 'Gender', items: [{ code: 'male', zh: '男', en: 'Male' }, { code: 'female', zh: '女', en: 'Female' }] },
  ],
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) =>
      request.url.endsWith('/api/v1/code-lists')
        ? new Response(JSON.stringify(CODE_LISTS), { status: 200, headers: { 'Content-Type': 'application/json' } })
        : new Response(JSON.stringify({ items: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    ),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function Harness({ onFinish, serverError }: { onFinish: (values: MemberFormValues) => void; serverError?: ApiError }) {
  const [form] = Form.useForm<MemberFormValues>();
  const { tError, tFieldError } = useI18n();
  const [messages, setMessages] = useState<string[]>([]);
  return (
    <>
      <MemberForm
        form={form}
        mode="create"
        initialValues={{ ...EMPTY_MEMBER_FORM, name: '王芳', organisation_id: 'o1' }}
        organisationLabel="四川光雾山米业有限公司工会"
        onFinish={onFinish}
      />
      <Button onClick={() => form.submit()}>submit</Button>
      {serverError && (
        <Button onClick={() => setMessages(memberSaveMessages(serverError, form, tFieldError, tError))}>server answers</Button>
      )}
      <ul data-testid="messages">
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </>
  );
}

function fill(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function problem(status: number, body: Record<string, unknown>) {
  return new ApiError(status, { type: 'about:blank', title: 'x', status, ...body } as ApiError['problem']);
}

describe('MemberForm', () => {
  it('checks the ID number as it is typed and shows what a valid one implies', async () => {
    renderWithProviders(<Harness onFinish={vi.fn()} />);
    fill('member-id-number', '110105194912310021');
    expect(await screen.findByText('身份证号校验位不正确，请核对')).toBeInTheDocument();

    fill('member-id-number', '11010519491231002X');
    await waitFor(() => expect(screen.queryByText('身份证号校验位不正确，请核对')).not.toBeInTheDocument());
    expect(await screen.findByText('出生日期 1949-12-31，性别 女')).toBeInTheDocument();
  });

  it('refuses a mobile that is not a mainland mobile and submits a valid form', async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness onFinish={onFinish} />);
    fill('member-id-number', '440524188001010014');
    fill('member-mobile', '12345');
    await userEvent.click(screen.getByRole('button', { name: 'submit' }));
    expect(await screen.findByText('请输入正确的大陆手机号')).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();

    fill('member-mobile', '139 0827-0004');
    await userEvent.click(screen.getByRole('button', { name: 'submit' }));
    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({ name: '王芳', id_number: '440524188001010014', organisation_id: 'o1' });
  });

  it('puts the server’s 422 errors on their fields, birth date and gender on the ID number', async () => {
    const serverError = problem(422, {
      code: 'validation_failed',
      errors: [
        { field: 'mobile', code: 'invalid_format', message: 'not a mobile' },
        { field: 'gender', code: 'invalid_value', message: 'does not match the ID number' },
      ],
    });
    renderWithProviders(<Harness onFinish={vi.fn()} serverError={serverError} />);
    await userEvent.click(screen.getByRole('button', { name: 'server answers' }));
    expect(await screen.findByText('格式不正确')).toBeInTheDocument();
    expect(await screen.findByText('取值无效')).toBeInTheDocument();
    expect(screen.getByTestId('messages')).toBeEmptyDOMElement();
  });

  it('shows a duplicate person with the server’s detail', async () => {
    const serverError = problem(409, {
      code: 'member_exists',
      detail: '此人已是四川光雾山米业有限公司工会的会员',
    });
    renderWithProviders(<Harness onFinish={vi.fn()} serverError={serverError} />);
    await userEvent.click(screen.getByRole('button', { name: 'server answers' }));
    expect(await screen.findByText('此人已是会员（按身份证号），不能重复登记')).toBeInTheDocument();
    expect(screen.getByText('此人已是四川光雾山米业有限公司工会的会员')).toBeInTheDocument();
  });
});
