// A server's problem in the user's words: the code's message, the field and each bad line by name,
// and the generic message with the request id for codes the catalogue does not know and bare 500s.
import { describe, expect, it } from 'vitest';
import { missingProblemMessages, PROBLEM_MESSAGE_KEYS, problemText, translator } from '../src/index';

const vi = translator<string>({
  'problem.unknown_unit': 'Không có đơn vị này.',
  'problem.invalid_phone': 'Số điện thoại không hợp lệ.',
  'problem.csv_invalid': 'Tệp CSV có dòng sai, chưa nhập gì.',
  'problem.invalid_input': 'Giá trị không hợp lệ.',
  'problem.internal': 'Máy chủ gặp lỗi.',
  'problem.unknown': 'Máy chủ không xử lý được yêu cầu (mã {status}).',
  'problem.network': 'Không kết nối được máy chủ.',
  'problem.inField': '{message} ({field})',
  'problem.atLine': 'Dòng {line}: {message}',
  'problem.atLineField': 'Dòng {line}, cột {field}: {message}',
  'problem.atIndex': 'Mục {index}: {message}',
  'problem.atIndexField': 'Mục {index}, {field}: {message}',
  'problem.more': '… và {n} lỗi khác',
  'problem.requestId': 'Mã yêu cầu: {id}',
  'field.phone': 'số điện thoại',
  'field.population': 'dân số',
});

describe('problemText', () => {
  it("says the code's message, naming the field", () => {
    expect(problemText(vi, { status: 404, code: 'unknown_unit' })).toEqual({
      message: 'Không có đơn vị này.',
      entries: [],
    });
    expect(problemText(vi, { status: 400, code: 'invalid_input', field: 'contacts.0.phone' }).message).toBe(
      'Giá trị không hợp lệ. (số điện thoại)',
    );
  });

  it('lists each bad line or entry (entries counted from 1) with its column, and how many more', () => {
    const text = problemText(
      vi,
      {
        status: 400,
        code: 'csv_invalid',
        entries: [{ line: 3, field: 'phone', code: 'invalid_phone' }, { line: 4, field: 'population' }, { line: 5 }],
      },
      2,
    );
    expect(text.message).toBe('Tệp CSV có dòng sai, chưa nhập gì.');
    expect(text.entries).toEqual([
      'Dòng 3, cột số điện thoại: Số điện thoại không hợp lệ.',
      'Dòng 4, cột dân số: Giá trị không hợp lệ.',
      '… và 1 lỗi khác',
    ]);
    // An entry without its own code takes the problem's (a phone list's bad numbers).
    expect(problemText(vi, { status: 400, code: 'invalid_phone', entries: [{ index: 0 }] }).entries).toEqual([
      'Mục 1: Số điện thoại không hợp lệ.',
    ]);
  });

  it('gives the generic message with the request id for an unknown code or a bare 500', () => {
    expect(problemText(vi, { status: 500, requestId: 'r-1' })).toEqual({
      message: 'Máy chủ không xử lý được yêu cầu (mã 500).',
      entries: [],
      reference: 'Mã yêu cầu: r-1',
    });
    expect(problemText(vi, { status: 418, code: 'teapot' }).message).toBe('Máy chủ không xử lý được yêu cầu (mã 418).');
    // A known server fault still names the request; a refusal of the user's input does not.
    expect(problemText(vi, { status: 500, code: 'internal', requestId: 'r-2' }).reference).toBe('Mã yêu cầu: r-2');
    expect(problemText(vi, { status: 404, code: 'unknown_unit', requestId: 'r-3' }).reference).toBeUndefined();
    expect(problemText(vi, { status: 0 }).message).toBe('Không kết nối được máy chủ.');
  });
});

describe('missingProblemMessages', () => {
  it('lists the codes and generic keys a catalogue lacks', () => {
    const catalogue = Object.fromEntries([...PROBLEM_MESSAGE_KEYS].map((k) => [k, 'x']));
    expect(missingProblemMessages({ ...catalogue, 'problem.a': 'A' }, ['a', 'b'])).toEqual(['problem.b']);
    expect(missingProblemMessages({ 'problem.a': ' ' }, ['a'])).toEqual(['problem.a', ...PROBLEM_MESSAGE_KEYS]);
  });
});
