/**
 * The signed configuration document phones apply (GET/PUT /api/configuration): its version, the
 * proximity estimator's notify threshold and decision quantile, the offset spreads, and the health
 * authority's advice after an exposure in Vietnamese and English (the resident app shows it
 * instead of its own steps); saved as the next version (the server refuses an edit of an older
 * one, and a bad value naming its field, said as "<field>: <reason>"). Its preview re-scores a
 * simulator run's matched readings (`bluezone simulate --preview-sample FILE.json`) under the
 * current and the edited parameters, in the browser, and shows the notifications' precision and
 * recall under each; and, for the served parameters, what any notify threshold could give (protocol
 * preview-curve.ts, as `bluezone sim preview --curve`): at recall 80, 85 and 90 % the most precise
 * cut of the phones ranked by their best day's probability, and the decision quantile that
 * notifies down to it. Typed into the decision quantile box, that quantile's edited row is the cut
 * (exactly, unless a phone's day has several uploaders' keys: the decision sums their close
 * minutes, the ranking takes the largest key's probability). One estimator pass per parameter set
 * as before: the served row is the curve's own decision.
 *
 * An estimator parameters file (`bluezone sim priors --report …`, a ProximityParameters object:
 * band priors and everything else the boxes do not show), once the protocol has validated it,
 * replaces the served parameters as the base of the edit: the boxes show its values (still
 * editable), the preview's edited row scores it, and a save sends it as the next version's
 * proximity. A file that is not valid parameters is refused with the protocol's reason and changes
 * nothing; the served parameters are the base again on request or once a new version has loaded.
 *
 * The risk configuration (which windows count at all on a phone: report-type and infectiousness
 * weighting, attenuation buckets, the day's classification) is named as served and saved as served
 * unless the admin picks one of the protocol's presets or loads a risk configuration file: the
 * protocol, loaded when the picker opens or a file is chosen, lists the presets and validates the
 * file, which is refused with the protocol's reason and changes nothing; a valid file is kept with
 * only a risk configuration's own fields (a comment in it is not saved). The choice is saved as the
 * next version's risk; the preview scores the estimator alone and does not reflect it.
 *
 * A file read for one version's edit is not used once another version has loaded meanwhile (the
 * admin is told, and chooses it again), and a protocol that cannot be loaded is said in the page's
 * language with the browser's words as the detail.
 */
import {
  ADVICE_LANGUAGES,
  type AdviceLanguage,
  type ConfigurationAdvice,
  type ConfigurationDocument,
  MAX_ADVICE_LENGTH,
  type PreviewCut,
  type PreviewResult,
  type PreviewSample,
  type ProximityParameters,
  type RiskConfiguration,
} from '@bluezone/protocol';
import type { configurationApi } from '@bluezone/protocol/api';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/api-client';
import { ActionNotices } from '../../components/action-notices';
import { JsonFileInput } from '../../components/json-file-input';
import { Loadable } from '../../components/loadable';
import { useAction } from '../../hooks/use-action';
import { useLoad } from '../../hooks/use-load';
import { useI18n } from '../../i18n/i18n';
import { PROXIMITY_FIELDS, type ProximityField } from './configuration-fields';
import { ConfigurationNotices } from './configuration-notices';
import { importProtocol } from './protocol-chunk';

const pct = (x: number) => `${Math.round(100 * x)} %`;

/** Recall levels the served parameters' curve is shown at. */
const CURVE_RECALLS = [0.8, 0.85, 0.9] as const;

/** The risk configuration a save sends instead of the served one: a protocol preset or a file's. */
interface ChosenRisk {
  /** The preset's key in RISK_PRESETS, for a preset. */
  preset?: string;
  /** The file it was loaded from, for a file. */
  file?: string;
  configuration: RiskConfiguration;
}

/** The picker's value for a choice: '' keeps the served risk. */
const riskChoice = (risk: ChosenRisk | null) =>
  risk === null ? '' : risk.file !== undefined ? 'file' : `preset:${risk.preset}`;

interface Preview {
  current: PreviewResult;
  edited: PreviewResult;
  curve: PreviewCut[];
}

export function ConfigurationCard() {
  const { t, formatDateTime } = useI18n();
  const doc = useLoad(async (signal) => {
    const signed = await api<typeof configurationApi.getConfiguration>('/api/configuration', { signal });
    return JSON.parse(signed.payload) as ConfigurationDocument;
  }, []);
  const [edits, setEdits] = useState<Partial<Record<ProximityField, string>>>({});
  const [adviceEdits, setAdviceEdits] = useState<ConfigurationAdvice>({});
  const [sample, setSample] = useState<PreviewSample | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  /** A parameters file loaded as the base of the edit, instead of the served parameters. */
  const [base, setBase] = useState<{ file: string; parameters: ProximityParameters } | null>(null);
  /** The risk configuration to save instead of the served one; null keeps it as served. */
  const [risk, setRisk] = useState<ChosenRisk | null>(null);
  /** The protocol's risk presets, once the picker has loaded them. */
  const [presets, setPresets] = useState<Readonly<Record<string, RiskConfiguration>> | null>(null);
  const action = useAction();
  const previewAction = useAction();
  const loadedVersion = doc.state.status === 'ready' ? doc.state.data.version : undefined;
  /**
   * The version whose edit is on screen, set with the reset below: a file read (or the protocol
   * imported) for one version is dropped if another has loaded meanwhile, as the edit it was for.
   */
  const editedVersion = useRef(loadedVersion);
  // Edits are cleared once the saved version has loaded, not at the save: cleared earlier, the
  // boxes showed the old version's values until the reload answered. A new version is the trigger.
  useEffect(() => {
    editedVersion.current = loadedVersion;
    setEdits({});
    setAdviceEdits({});
    setBase(null);
    setRisk(null);
  }, [loadedVersion]);

  const baseParameters = (current: ConfigurationDocument): ProximityParameters => base?.parameters ?? current.proximity;

  const edited = (current: ConfigurationDocument): ProximityParameters => {
    const p: ProximityParameters = { ...baseParameters(current) };
    for (const f of PROXIMITY_FIELDS) if (edits[f] !== undefined && edits[f] !== '') p[f] = Number(edits[f]);
    return p;
  };

  /** The advice as saved: an emptied language goes back to the app's own steps. */
  const editedAdvice = (current: ConfigurationDocument): ConfigurationAdvice | undefined => {
    const advice: ConfigurationAdvice = {};
    for (const l of ADVICE_LANGUAGES) {
      const text = adviceEdits[l] ?? current.advice?.[l] ?? '';
      if (text.trim() !== '') advice[l] = text;
    }
    return Object.keys(advice).length > 0 ? advice : undefined;
  };

  const save = (current: ConfigurationDocument) =>
    action.run(async () => {
      const advice = editedAdvice(current);
      const signed = await api<typeof configurationApi.putConfiguration>('/api/configuration', {
        method: 'PUT',
        body: {
          version: current.version + 1,
          proximity: edited(current),
          risk: risk?.configuration ?? current.risk,
          ...(advice ? { advice } : {}),
        },
      });
      const saved = JSON.parse(signed.payload) as ConfigurationDocument;
      doc.reload();
      return t('admin.configuration.saved', { version: String(saved.version) });
    });

  /** The protocol's code, loaded on first use; a failed load is said in the page's language, the browser's words as its detail. */
  const protocol = () =>
    importProtocol().catch((err: unknown) => {
      throw new Error(t('admin.configuration.protocolUnavailable', { reason: (err as Error).message }));
    });

  /** Throws unless the version whose edit a file was chosen for is still the one on screen. */
  const stillEditing = (version: number | undefined, file: File) => {
    if (editedVersion.current !== version) {
      throw new Error(
        t('admin.configuration.reloadedMeanwhile', { file: file.name, version: String(editedVersion.current) }),
      );
    }
  };

  // Validated by the protocol (loaded lazily, as the estimator below); the boxes then show its values.
  const loadParameters = (file: File) => {
    const version = editedVersion.current;
    return action.run(async () => {
      const { parseProximityParameters } = await protocol();
      const text = await file.text();
      let parameters: ProximityParameters;
      try {
        parameters = parseProximityParameters(text);
      } catch (err) {
        throw new Error(
          t('admin.configuration.parametersInvalid', { file: file.name, reason: (err as Error).message }),
        );
      }
      stillEditing(version, file);
      setBase({ file: file.name, parameters });
      setEdits({});
    });
  };

  // The presets come with the protocol, loaded when the picker is opened: the page's bundle does not carry them.
  const loadPresets = () => {
    if (presets) return;
    // Not through action.run, which would clear what the last save said.
    protocol().then(
      ({ RISK_PRESETS }) => setPresets(RISK_PRESETS),
      (err: unknown) => action.setError(err as Error),
    );
  };

  // Validated by the protocol, as a parameters file, and kept with only a risk configuration's own
  // fields (a comment in the file is not saved); a bad file leaves the choice as it was.
  const loadRisk = (file: File) => {
    const version = editedVersion.current;
    return action.run(async () => {
      const { RISK_PRESETS, parseRiskConfiguration } = await protocol();
      setPresets(RISK_PRESETS);
      const text = await file.text();
      let configuration: RiskConfiguration;
      try {
        configuration = parseRiskConfiguration(JSON.parse(text));
      } catch (err) {
        throw new Error(t('admin.configuration.riskInvalid', { file: file.name, reason: (err as Error).message }));
      }
      // The card names the served risk by its name, which the protocol only requires to be a text.
      if (configuration.name.trim() === '') {
        throw new Error(
          t('admin.configuration.riskInvalid', { file: file.name, reason: t('admin.configuration.riskUnnamed') }),
        );
      }
      stillEditing(version, file);
      setRisk({ file: file.name, configuration });
    });
  };

  const chooseRisk = (value: string) => {
    if (value === '') setRisk(null);
    else if (value.startsWith('preset:')) {
      const preset = value.slice('preset:'.length);
      const configuration = presets?.[preset];
      if (configuration) setRisk({ preset, configuration });
    }
    // 'file' is the file already loaded: nothing to change.
  };

  // The estimator is loaded only when a preview is asked for: the page's bundle does not carry it.
  const loadSample = (file: File) =>
    previewAction.run(async () => {
      const { parsePreviewSample } = await protocol();
      setSample(parsePreviewSample(await file.text()));
      setPreview(null);
    });
  const runPreview = (current: ConfigurationDocument, s: PreviewSample) =>
    previewAction.run(async () => {
      const { cutsAtRecall, previewCurve, previewNotifications } = await protocol();
      // The curve's decision is the served row: no second pass over the sample for it.
      const curve = previewCurve(s, current.proximity);
      setPreview({
        current: curve.decision,
        edited: previewNotifications(s, edited(current)),
        curve: cutsAtRecall(curve, CURVE_RECALLS),
      });
    });

  return (
    <div className="card" data-testid="configuration-card">
      <h2>{t('admin.configuration.title')}</h2>
      <ConfigurationNotices action={action} />
      <Loadable state={doc.state} onRetry={doc.reload}>
        {(current) => (
          <>
            <p className="muted" data-testid="configuration-version">
              {t('admin.configuration.version', { version: String(current.version) })}
              {current.version > 0 ? ` · ${formatDateTime(current.issuedAt)}` : ''}
            </p>
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void save(current);
              }}
            >
              <JsonFileInput
                label={t('admin.configuration.parameters')}
                name="parameters-file"
                onFile={(file) => void loadParameters(file)}
              />
              {base && (
                <p className="muted" data-testid="configuration-base">
                  {t('admin.configuration.parametersFrom', { file: base.file, name: base.parameters.name })}{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setBase(null);
                      setEdits({});
                    }}
                  >
                    {t('admin.configuration.parametersServed')}
                  </button>
                </p>
              )}
              {PROXIMITY_FIELDS.map((f) => (
                <label key={f}>
                  {t(`admin.configuration.${f}`)}
                  <input
                    name={f}
                    type="number"
                    step="any"
                    value={edits[f] ?? String(baseParameters(current)[f] ?? '')}
                    onChange={(e) => setEdits({ ...edits, [f]: e.target.value })}
                  />
                </label>
              ))}
              <p className="muted" data-testid="configuration-risk">
                {t('admin.configuration.risk', { name: current.risk.name })}
              </p>
              {risk && (
                <p className="muted" data-testid="configuration-risk-chosen">
                  {risk.file === undefined
                    ? t('admin.configuration.riskChosen', { name: risk.configuration.name })
                    : t('admin.configuration.riskChosenFile', { name: risk.configuration.name, file: risk.file })}{' '}
                  <button type="button" className="link" onClick={() => setRisk(null)}>
                    {t('admin.configuration.riskKeep')}
                  </button>
                </p>
              )}
              <details
                onToggle={(e) => {
                  if (e.currentTarget.open) loadPresets();
                }}
              >
                <summary>{t('admin.configuration.riskChange')}</summary>
                <div className="stack">
                  <label>
                    {t('admin.configuration.riskChoice')}
                    <select name="risk" value={riskChoice(risk)} onChange={(e) => chooseRisk(e.target.value)}>
                      <option value="">{t('admin.configuration.riskServed', { name: current.risk.name })}</option>
                      {presets &&
                        Object.keys(presets).map((name) => (
                          <option key={name} value={`preset:${name}`}>
                            {t('admin.configuration.riskPreset', { name })}
                          </option>
                        ))}
                      {risk?.file !== undefined && (
                        <option value="file">
                          {t('admin.configuration.riskFrom', { file: risk.file, name: risk.configuration.name })}
                        </option>
                      )}
                    </select>
                  </label>
                  <JsonFileInput
                    label={t('admin.configuration.riskFile')}
                    name="risk-file"
                    onFile={(file) => void loadRisk(file)}
                  />
                  <p className="hint">{t('admin.configuration.riskHint')}</p>
                </div>
              </details>
              {ADVICE_LANGUAGES.map((l: AdviceLanguage) => (
                <label key={l}>
                  {t(`admin.configuration.advice.${l}`)}
                  <textarea
                    name={`advice-${l}`}
                    rows={3}
                    value={adviceEdits[l] ?? current.advice?.[l] ?? ''}
                    onChange={(e) => setAdviceEdits({ ...adviceEdits, [l]: e.target.value })}
                  />
                </label>
              ))}
              <p className="hint">{t('admin.configuration.adviceHint', { max: String(MAX_ADVICE_LENGTH) })}</p>
              <p className="hint">{t('admin.configuration.hint')}</p>
              <button type="submit" className="primary" disabled={action.busy}>
                {action.busy ? t('admin.configuration.saving') : t('admin.configuration.save')}
              </button>
            </form>
            <h3>{t('admin.configuration.preview')}</h3>
            <ActionNotices action={previewAction} />
            <JsonFileInput
              label={t('admin.configuration.sample')}
              name="sample-file"
              onFile={(file) => void loadSample(file)}
            />
            {sample && (
              <p className="muted" data-testid="configuration-sample">
                {t('admin.configuration.sampleOf', {
                  source: sample.source,
                  phones: String(sample.phones.length),
                  contacts: String(sample.trueContacts),
                })}
              </p>
            )}
            <button
              type="button"
              disabled={!sample || previewAction.busy}
              onClick={() => sample && void runPreview(current, sample)}
            >
              {previewAction.busy ? t('admin.configuration.previewing') : t('admin.configuration.runPreview')}
            </button>
            {preview && (
              <>
                <table className="data-table" data-testid="configuration-preview">
                  <thead>
                    <tr>
                      <th />
                      <th>{t('admin.configuration.notified')}</th>
                      <th>{t('admin.configuration.precision')}</th>
                      <th>{t('admin.configuration.recall')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(['current', 'edited'] as const).map((k) => (
                      <tr key={k}>
                        <th>{t(`admin.configuration.${k}`)}</th>
                        <td>{preview[k].notified}</td>
                        <td>{pct(preview[k].precision)}</td>
                        <td>{pct(preview[k].recall)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted">{t('admin.configuration.curve')}</p>
                <table className="data-table" data-testid="configuration-curve">
                  <thead>
                    <tr>
                      <th>{t('admin.configuration.curveRecall')}</th>
                      <th>{t('admin.configuration.notified')}</th>
                      <th>{t('admin.configuration.precision')}</th>
                      <th>{t('admin.configuration.recall')}</th>
                      <th>{t('admin.configuration.curveQuantile')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.curve.map(({ recall, best, decisionQuantile }) => (
                      <tr key={recall}>
                        <th>{pct(recall)}</th>
                        {best ? (
                          <>
                            <td>{best.notified}</td>
                            <td>{pct(best.precision)}</td>
                            <td>{pct(best.recall)}</td>
                            <td>{decisionQuantile ?? '–'}</td>
                          </>
                        ) : (
                          <td colSpan={4}>{t('admin.configuration.curveUnreachable')}</td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="hint">{t('admin.configuration.curveHint')}</p>
              </>
            )}
          </>
        )}
      </Loadable>
    </div>
  );
}
