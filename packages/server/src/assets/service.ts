import type { CustomFieldType } from '../db/schema.js';
import { ApiError, badRequest, conflict, notFound } from '../http/errors.js';
import type { CustomFieldRow, CustomFieldsStore } from './store.js';

export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_CUSTOM_FIELDS = 100;
export const MAX_CHOICES = 100;
export const MAX_TEXT_VALUE = 1024;

/** A stored custom field value: numbers as JSON numbers, everything else as strings. */
export type CustomFieldValue = string | number;

/** What a request asks to change in a device's values: keys to set, and keys to clear. */
export interface CustomFieldChanges {
  set: Record<string, CustomFieldValue>;
  remove: string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const unknownField = (key: string): ApiError => new ApiError(400, 'unknown_custom_field', `there is no custom field "${key}" (define it under /custom-fields first)`);
const invalidValue = (key: string, message: string): ApiError => new ApiError(400, 'invalid_custom_field', `custom field "${key}": ${message}`);

function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/**
 * Custom fields: an organisation's own attributes for its devices (asset tag, cost centre,
 * purchase date, location). Definitions say the type; every value written to a device is checked
 * against them here, whichever way it arrives (JSON, CSV import, a list filter).
 */
export class CustomFieldsService {
  constructor(private readonly store: CustomFieldsStore) {}

  list(orgId: string): Promise<CustomFieldRow[]> {
    return this.store.list(orgId);
  }

  async definitions(orgId: string): Promise<Map<string, CustomFieldRow>> {
    return new Map((await this.store.list(orgId)).map((d) => [d.key, d]));
  }

  async create(orgId: string, input: { key: string; label: string; type: CustomFieldType; choices?: string[] | undefined }): Promise<CustomFieldRow> {
    if (!CUSTOM_FIELD_KEY.test(input.key)) throw badRequest('key must start with a lower-case letter and hold only a-z, 0-9 and _ (at most 40 characters)');
    const label = input.label.trim();
    if (!label) throw badRequest('label must not be empty');
    const choices = this.checkChoices(input.type, input.choices);
    if ((await this.store.count(orgId)) >= MAX_CUSTOM_FIELDS) throw conflict(`an organisation can define at most ${MAX_CUSTOM_FIELDS} custom fields`);
    const row = await this.store.create(orgId, { key: input.key, label, type: input.type, choices });
    if (!row) throw conflict(`a custom field "${input.key}" already exists`);
    return row;
  }

  async update(orgId: string, key: string, input: { label?: string | undefined; type?: CustomFieldType | undefined; choices?: string[] | undefined }): Promise<CustomFieldRow> {
    const current = (await this.definitions(orgId)).get(key);
    if (!current) throw notFound(`custom field ${key}`);
    // Changing the type would leave stored values of the old type behind.
    if (input.type !== undefined && input.type !== current.type) throw badRequest(`the type of "${key}" cannot change; delete the field and create it again`);
    const label = input.label?.trim();
    if (label === '') throw badRequest('label must not be empty');
    let choices: string[] | undefined;
    if (input.choices !== undefined) {
      choices = this.checkChoices(current.type, input.choices);
      const outside = await this.store.countValuesOutside(orgId, key, choices);
      if (outside > 0) throw conflict(`${outside} device(s) hold a value of "${key}" that is not among the new choices; change those values first`);
    }
    const row = await this.store.update(orgId, key, { ...(label !== undefined ? { label } : {}), ...(choices !== undefined ? { choices } : {}) });
    if (!row) throw notFound(`custom field ${key}`);
    return row;
  }

  async delete(orgId: string, key: string): Promise<void> {
    if (!(await this.store.delete(orgId, key))) throw notFound(`custom field ${key}`);
  }

  private checkChoices(type: CustomFieldType, choices: string[] | undefined): string[] {
    if (type !== 'choice') {
      if (choices?.length) throw badRequest('choices are only for fields of type choice');
      return [];
    }
    const cleaned = (choices ?? []).map((c) => c.trim());
    if (cleaned.length === 0) throw badRequest('a field of type choice needs at least one choice');
    if (cleaned.length > MAX_CHOICES) throw badRequest(`at most ${MAX_CHOICES} choices`);
    if (cleaned.some((c) => c === '')) throw badRequest('a choice must not be empty');
    if (new Set(cleaned).size !== cleaned.length) throw badRequest('choices must be distinct');
    return cleaned;
  }

  /**
   * Checks values given as JSON (PATCH, POST): null or "" clears a value; anything else must fit
   * the field's type. Unknown keys are refused rather than stored unseen.
   */
  validate(definitions: Map<string, CustomFieldRow>, input: Record<string, unknown>): CustomFieldChanges {
    const changes: CustomFieldChanges = { set: {}, remove: [] };
    for (const [key, value] of Object.entries(input)) {
      const def = definitions.get(key);
      if (!def) throw unknownField(key);
      if (value === null || value === '') {
        changes.remove.push(key);
        continue;
      }
      changes.set[key] = this.checkValue(def, value);
    }
    return changes;
  }

  /** A value given as text (a CSV cell, a query parameter), converted to the field's type. */
  parseText(def: CustomFieldRow, text: string): CustomFieldValue {
    if (def.type === 'number') {
      const trimmed = text.trim();
      if (!NUMBER.test(trimmed)) throw invalidValue(def.key, `"${text}" is not a number`);
      return this.checkValue(def, Number(trimmed));
    }
    return this.checkValue(def, def.type === 'text' ? text : text.trim());
  }

  private checkValue(def: CustomFieldRow, value: unknown): CustomFieldValue {
    switch (def.type) {
      case 'text':
        if (typeof value !== 'string') throw invalidValue(def.key, 'must be a string');
        if (value.length > MAX_TEXT_VALUE) throw invalidValue(def.key, `must be at most ${MAX_TEXT_VALUE} characters`);
        return value;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidValue(def.key, 'must be a finite number');
        return value;
      case 'date':
        if (typeof value !== 'string' || !isCalendarDate(value)) throw invalidValue(def.key, 'must be a date as YYYY-MM-DD');
        return value;
      case 'choice':
        if (typeof value !== 'string' || !def.choices.includes(value)) throw invalidValue(def.key, `must be one of: ${def.choices.join(', ')}`);
        return value;
    }
  }
}
