/** The pre-chat field model: validator and mapping to PrechatValues (no DOM rendering). */
import { expect } from '@open-wc/testing';
import {
  localizedText,
  parsePrechatFields,
  toPrechatValues,
  wireText,
  type PrechatField,
} from '../../../src/components/prechat/prechat-fields.js';

const fields: PrechatField[] = [
  { type: 'name', id: 'n', label: 'Your name', required: true, transcriptFields: ['Name__c'] },
  {
    type: 'email',
    id: 'e',
    label: 'Email',
    entityMaps: [{ entityName: 'Contact', fieldName: 'Email', isExactMatchable: true }],
  },
  { type: 'subject', id: 's', label: 'Subject', displayToAgent: false },
  { type: 'select', id: 'c', label: 'Country', options: [{ id: 'us', label: 'USA' }, { id: 'uk', label: 'UK' }] },
  { type: 'checkbox', id: 'i', label: 'Industry', options: [{ id: 'a', label: 'automotive' }, { id: 'it', label: 'IT' }] },
  { type: 'checkbox', id: 'ok', label: 'Send me the transcript' },
  {
    type: 'group_chooser',
    id: 'd',
    label: 'Department',
    options: [
      { id: 'sales', label: 'Sales', buttonId: '573SALES' },
      { id: 'vip', label: 'VIP', buttonId: '573VIP', agentId: '005ANNA' },
      { id: 'x', label: 'Explicit', buttonId: '573X', buttonOverrides: ['573Y', '573Z'] },
    ],
  },
];

describe('parsePrechatFields', () => {
  it('accepts a JSON string, an array, or {fields, entities}', () => {
    const json = JSON.stringify(fields);
    expect(parsePrechatFields(json)).to.deep.equal({ fields, entities: [], error: null });
    expect(parsePrechatFields(fields).fields).to.deep.equal(fields);
    const entities = [
      {
        entityName: 'Contact',
        showOnCreate: true,
        entityFieldsMaps: [{ fieldName: 'LastName', label: 'Your name', doFind: true, isExactMatch: true, doCreate: true }],
      },
    ];
    const parsed = parsePrechatFields({ fields, entities });
    expect(parsed.error).to.equal(null);
    expect(parsed.entities).to.deep.equal(entities);
  });

  it('treats empty input as "no form", without an error', () => {
    for (const empty of [null, undefined, '', '  ', '[]', []]) {
      expect(parsePrechatFields(empty), JSON.stringify(empty)).to.deep.equal({ fields: [], entities: [], error: null });
    }
  });

  it('reports JSON syntax errors', () => {
    const r = parsePrechatFields('[{"type": "name",');
    expect(r.fields).to.deep.equal([]);
    expect(r.error).to.match(/^prechat-fields is not valid JSON/);
  });

  it('reports a wrong top-level shape', () => {
    expect(parsePrechatFields('42').error).to.match(/must be an array of fields/);
    expect(parsePrechatFields({ fields: 'x' }).error).to.match(/must be an array of fields/);
  });

  it('names every problem: unknown type, missing label, duplicate id, wrong types', () => {
    const r = parsePrechatFields([
      { type: 'phone', id: 'a', label: 'Phone' },
      { type: 'name', id: 'b' },
      { type: 'email', id: 'a', label: 'Email', required: 'yes' },
      { type: 'subject', id: 7, label: 'S' },
      { type: 'textarea', id: 't', label: 'T', maxLength: -3, transcriptFields: 'Body__c' },
      'not an object',
    ]);
    expect(r.fields).to.deep.equal([]);
    const e = r.error!;
    expect(e).to.contain('prechat-fields[0] ("a").type "phone" is unknown; use one of name, email');
    expect(e).to.contain('prechat-fields[1] ("b").label must be a non-empty string');
    expect(e).to.contain('prechat-fields[2] ("a"): duplicate id "a"');
    expect(e).to.contain('prechat-fields[2] ("a").required must be a boolean');
    expect(e).to.contain('prechat-fields[3].id must be a non-empty string');
    expect(e).to.contain('prechat-fields[4] ("t").maxLength must be a positive integer');
    expect(e).to.contain('prechat-fields[4] ("t").transcriptFields must be a string[]');
    expect(e).to.contain('prechat-fields[5] must be an object');
  });

  it('checks options: required where needed, well-formed, buttonId on departments', () => {
    const r = parsePrechatFields([
      { type: 'select', id: 's', label: 'S' },
      { type: 'radio', id: 'r', label: 'R', options: [] },
      { type: 'name', id: 'n', label: 'N', options: [{ id: '1', label: 'x' }] },
      { type: 'group_chooser', id: 'g', label: 'G', options: [{ id: '1', label: 'Sales' }, { id: '1', label: 'Dup', buttonId: 'b' }] },
      { type: 'group_chooser', id: 'g2', label: 'G2', options: [{ id: '1', label: 'x', buttonId: 'b', buttonOverrides: 'b2' }] },
    ]);
    const e = r.error!;
    expect(e).to.contain('prechat-fields[0] ("s").options is required for type select');
    expect(e).to.contain('prechat-fields[1] ("r").options must be a non-empty array');
    expect(e).to.contain('prechat-fields[2] ("n").options is not allowed for type name');
    expect(e).to.contain('prechat-fields[3] ("g").options[0].buttonId must be a non-empty string');
    expect(e).to.contain('prechat-fields[3] ("g").options[1]: duplicate option id "1"');
    expect(e).to.contain('prechat-fields[4] ("g2"): only one group_chooser is allowed');
    expect(e).to.contain('prechat-fields[4] ("g2").options[0].buttonOverrides must be a string[]');
  });

  it('checks entityMaps and entities, including labels that match no field', () => {
    const r = parsePrechatFields({
      fields: [{ type: 'email', id: 'e', label: 'Email', entityMaps: [{ entityName: 'Contact' }] }],
      entities: [
        { entityName: 'Contact', entityFieldsMaps: [{ fieldName: 'Email', label: 'E-mail', doFind: true, isExactMatch: true, doCreate: 'no' }] },
        { showOnCreate: true },
      ],
    });
    const e = r.error!;
    expect(e).to.contain('prechat-fields[0] ("e").entityMaps[0] needs entityName and fieldName strings');
    expect(e).to.contain('entities[0].entityFieldsMaps[0].doCreate must be a boolean');
    expect(e).to.contain('entities[0].entityFieldsMaps[0].label "E-mail" matches no field label');
    expect(e).to.contain('entities[1].entityName must be a non-empty string');
  });
});

describe('toPrechatValues', () => {
  it('maps every field type to prechatDetails with Salesforce defaults', () => {
    const v = toPrechatValues(fields, {
      n: '  Ada Lovelace ',
      e: 'ada@example.com',
      s: '',
      c: 'uk',
      i: ['a', 'it'],
      ok: 'on',
      d: 'sales',
    });
    expect(v.visitorName).to.equal('Ada Lovelace');
    expect(v.buttonId).to.equal('573SALES');
    expect(v.buttonOverrides).to.equal(undefined);
    expect(v.prechatEntities).to.equal(undefined);
    expect(v.prechatDetails).to.deep.equal([
      { label: 'Your name', value: 'Ada Lovelace', transcriptFields: ['Name__c'], displayToAgent: true },
      {
        label: 'Email',
        value: 'ada@example.com',
        transcriptFields: [],
        displayToAgent: true,
        entityMaps: [{ entityName: 'Contact', fieldName: 'Email', isExactMatchable: true }],
      },
      { label: 'Subject', value: '', transcriptFields: [], displayToAgent: false },
      { label: 'Country', value: 'UK', transcriptFields: [], displayToAgent: true },
      { label: 'Industry', value: 'automotive, IT', transcriptFields: [], displayToAgent: true },
      { label: 'Send me the transcript', value: 'true', transcriptFields: [], displayToAgent: true },
      { label: 'Department', value: 'Sales', transcriptFields: [], displayToAgent: true },
    ]);
  });

  it('routes a department with a preferred agent or explicit overrides', () => {
    expect(toPrechatValues(fields, { d: 'vip' })).to.include({ buttonId: '573VIP' });
    expect(toPrechatValues(fields, { d: 'vip' }).buttonOverrides).to.deep.equal(['005ANNA_573VIP']);
    expect(toPrechatValues(fields, { d: 'x' }).buttonOverrides).to.deep.equal(['573Y', '573Z']);
  });

  it('reads FormData, leaves out a missing name and an unknown option, passes entities through', () => {
    const fd = new FormData();
    fd.append('c', 'nope');
    const entities = [{ entityName: 'Case', entityFieldsMaps: [] }];
    const v = toPrechatValues(fields, fd, entities);
    expect(v.visitorName).to.equal(undefined);
    expect(v.buttonId).to.equal(undefined);
    expect(v.prechatEntities).to.deep.equal(entities);
    expect(v.prechatDetails!.map((d) => d.value)).to.deep.equal(['', '', '', '', '', 'false', '']);
  });
});

describe('docs/prechat-fields.md', () => {
  it('has an example that parses and maps as documented', async () => {
    const md = await (await fetch('/docs/prechat-fields.md')).text();
    const [example, result] = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const parsed = parsePrechatFields(example);
    expect(parsed.error).to.equal(null);
    expect(parsed.fields).to.have.length(6);
    const v = toPrechatValues(
      parsed.fields,
      { name: 'Ada Lovelace', email: 'ada@example.com', dept: 'support', question: 'Where is my parcel?', consent: 'on' },
      parsed.entities,
    );
    const documented = JSON.parse(result!);
    expect(v.prechatEntities).to.deep.equal(parsed.entities);
    expect({ ...v, prechatEntities: undefined }).to.deep.equal({ ...documented, prechatEntities: undefined });
  });
});

describe('per-language texts and the visitor question', () => {
  it('picks the exact tag, then the language, then English, then the first entry; the wire gets the first', () => {
    const t = { fr: 'Votre nom', 'pt-BR': 'Seu nome', en: 'Your name', ar: 'اسمك' };
    expect(localizedText(t, 'pt-BR')).to.equal('Seu nome');
    expect(localizedText(t, 'ar-EG')).to.equal('اسمك');
    expect(localizedText(t, 'AR_eg')).to.equal('اسمك');
    expect(localizedText(t, 'de')).to.equal('Your name');
    expect(localizedText({ fr: 'Nom', ar: 'اسم' }, 'de')).to.equal('Nom');
    expect(localizedText('Plain', 'ar')).to.equal('Plain');
    expect(wireText(t)).to.equal('Votre nom');
  });

  it('accepts label/placeholder maps and reports bad ones; entity maps match the first entry', () => {
    const ok = parsePrechatFields([{ type: 'name', id: 'n', label: { en: 'Name', ar: 'الاسم' }, placeholder: { en: 'Jane' } }]);
    expect(ok.error).to.equal(null);
    const bad = parsePrechatFields([
      { type: 'name', id: 'n', label: {} },
      { type: 'select', id: 's', label: 'S', placeholder: { en: 3 }, options: [{ id: 'a', label: { en: '' } }] },
      { type: 'question', id: 'q', label: 'Q', firstMessage: 'yes' },
    ]);
    expect(bad.error).to.include('prechat-fields[0] ("n").label must be a non-empty string or a map');
    expect(bad.error).to.include('prechat-fields[1] ("s").placeholder must be');
    expect(bad.error).to.include('prechat-fields[1] ("s").options[0].label must be');
    expect(bad.error).to.include('prechat-fields[2] ("q").firstMessage must be a boolean');
    const entities = [{ entityName: 'Contact', entityFieldsMaps: [{ fieldName: 'LastName', label: 'Name', doFind: true, isExactMatch: true, doCreate: false }] }];
    expect(parsePrechatFields({ fields: [{ type: 'name', id: 'n', label: { en: 'Name', ar: 'الاسم' } }], entities }).error).to.equal(null);
    expect(parsePrechatFields({ fields: [{ type: 'name', id: 'n', label: { ar: 'الاسم', en: 'Name' } }], entities }).error).to.include('matches no field label');
  });

  it('takes the first question field (or the one marked firstMessage) as the visitor question', () => {
    const form: PrechatField[] = [
      { type: 'subject', id: 's', label: 'Subject' },
      { type: 'question', id: 'q', label: 'Question' },
      { type: 'textarea', id: 't', label: 'Details' },
    ];
    expect(toPrechatValues(form, { s: 'Hi', q: ' Where is it? ', t: 'More' }).question).to.equal('Where is it?');
    expect(toPrechatValues(form, { s: 'Hi', q: '', t: 'More' }).question).to.equal(undefined);
    const marked = form.map((f) => (f.id === 't' ? { ...f, firstMessage: true } : f));
    expect(toPrechatValues(marked, { q: 'Q', t: 'Details here' }).question).to.equal('Details here');
    const optedOut = form.map((f) => (f.id === 'q' ? { ...f, firstMessage: false } : f));
    expect(toPrechatValues(optedOut, { q: 'Q', t: 'T' }).question).to.equal(undefined);
    const values = toPrechatValues([{ type: 'radio', id: 'r', label: { en: 'Topic', fr: 'Sujet' }, options: [{ id: 'b', label: { en: 'Billing', fr: 'Factures' } }] }], { r: 'b' });
    expect(values.prechatDetails).to.deep.include({ label: 'Topic', value: 'Billing', transcriptFields: [], displayToAgent: true });
  });
});
