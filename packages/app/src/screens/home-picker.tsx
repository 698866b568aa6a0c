/**
 * Where do you live? Asked when the QR scanned was a school's, business's, relative's or drive
 * volunteer's (they say who brought the install in, not the home): the resident types part of
 * their village's or commune's name and taps it. The install then counts there.
 */
import { useEffect, useState } from 'react';
import { useAppModel } from '../components/app-context';
import { Button } from '../components/button';
import { Card, Paragraph } from '../components/screen';
import { TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n';
import type { HomeUnitChoice } from '../model/rollout-api';

/** Shown at most, so the list stays a tap away on a small phone. */
const SHOWN = 8;

/** Vietnamese without its marks, lower case: "Thôn" matches "thon". */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

export function HomePicker({ onPick, disabled }: { onPick(code: string): void; disabled: boolean }) {
  const model = useAppModel();
  const { t } = useI18n();
  const [choices, setChoices] = useState<HomeUnitChoice[]>([]);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    let live = true;
    model.homeUnitChoices().then(
      (c) => live && setChoices(c),
      () => live && setChoices([]),
    );
    return () => {
      live = false;
    };
  }, [model]);
  const wanted = fold(filter.trim());
  const shown = choices.filter((c) => wanted === '' || fold(`${c.label} ${c.code}`).includes(wanted)).slice(0, SHOWN);
  return (
    <Card>
      <Paragraph>{t('unit.homeAsk')}</Paragraph>
      <TextField testID="home-filter" label={t('unit.homeFilter')} value={filter} onChangeText={setFilter} />
      {shown.map((c) => (
        <Button
          key={c.code}
          testID={`home-${c.code}`}
          variant="secondary"
          label={c.label}
          disabled={disabled}
          onPress={() => onPick(c.code)}
        />
      ))}
    </Card>
  );
}
