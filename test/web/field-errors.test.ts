import { describe, expect, it } from 'vitest';
import { hasPath, placeFieldErrors } from '../../web/src/forms/field-errors';

describe("placing the API's field errors in a form", () => {
  const values = {
    organisation: { name: '', address: { city: '' } },
    items: [{ text: '' }, { text: '' }],
  };
  const isField = (path: string) => hasPath(values, path);

  it('puts a body field at the form path of the same name, array items by index', () => {
    const placed = placeFieldErrors(
      [
        { field: 'body.organisation.name', message: 'Too short' },
        { field: 'body.organisation.address.city', message: 'Required' },
        { field: 'body.items.1.text', message: 'Required' },
      ],
      isField,
    );
    expect(placed).toEqual({
      atFields: {
        'organisation.name': 'Too short',
        'organisation.address.city': 'Required',
        'items.1.text': 'Required',
      },
      atTop: [],
    });
  });

  it('joins two messages for one field', () => {
    const placed = placeFieldErrors(
      [
        { field: 'body.organisation.name', message: 'Too short.' },
        { field: 'body.organisation.name', message: 'No NUL.' },
      ],
      isField,
    );
    expect(placed.atFields['organisation.name']).toBe('Too short. No NUL.');
  });

  it('leaves for the top what no field of the form shows: query, params, unknown fields', () => {
    const elsewhere = [
      { field: 'querystring.limit', message: 'Too big' },
      { field: 'params.id', message: 'Invalid' },
      { field: 'body.policy.version', message: 'Required' },
      { field: 'body.items.5.text', message: 'Required' },
    ];
    expect(placeFieldErrors(elsewhere, isField)).toEqual({ atFields: {}, atTop: elsewhere });
  });
});
