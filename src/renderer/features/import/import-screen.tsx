import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo, useRef, useState } from 'react';
import type { ImportOptions } from '../../../shared/contract';
import { UploadIcon } from '../../components/icons';
import { filesOfFolderPick } from './dropped-files';
import { ImportHistory } from './import-history';
import { useImportApi } from './import-context';
import { ImportProgressList } from './import-progress-list';
import { describeError } from '../../errors/messages';
import { ImportResults } from './import-results';
import { MappingDialog } from './mapping-dialog';
import { DEFAULT_CHOICE, ReviewBar, type ReviewChoice } from './staged-review';

export function ImportScreen() {
  const api = useImportApi();
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const finished = useMemo(() => api.runs.filter((r) => r.status === 'done'), [api.runs]);
  // Newest first, and only the latest outcome per file: a file imported again replaces its old row.
  // Imports one of the finished files again, with the analyst's answer as options.
  const again = (name: string, options: ImportOptions): void => {
    const file = finished.flatMap((r) => r.inputs).find((f) => f.name === name);
    if (file) void api.start([file], options);
  };
  const [choices, setChoices] = useState(new Map<number, ReviewChoice>());
  const [mappingFile, setMappingFile] = useState<File | null>(null);
  const results = finished
    .flatMap((r) => r.results)
    .filter((r, i, all) => all.findIndex((o) => o.file === r.file) === i);
  const staged = results.filter((r) => r.status === 'staged');

  return (
    <Stack spacing={4}>
      <Box>
        <Typography variant="h2" component="h1">
          Import
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          Add bills and usage exports. Each file is checked completely before anything is stored, and re-importing the same file is detected.
        </Typography>
      </Box>

      <Paper
        variant="outlined"
        data-testid="import-dropzone"
        sx={{ p: 4, borderStyle: 'dashed', borderWidth: 2, textAlign: 'center', bgcolor: 'background.default' }}
      >
        <UploadIcon color="primary" sx={{ fontSize: 36 }} />
        <Typography variant="h4" component="p" sx={{ mt: 1 }}>
          Drop files anywhere in this window
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
          FOCUS files, cloud bills and provider usage or cost exports (CSV, TSV, JSON, .gz, .zip). A whole folder is fine.
        </Typography>
        <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'center' }}>
          <Button variant="contained" onClick={() => input.current?.click()} data-testid="import-choose">
            Choose files
          </Button>
          <Button variant="outlined" onClick={() => folderInput.current?.click()} data-testid="import-choose-folder">
            Choose a folder
          </Button>
        </Stack>
        <input
          ref={folderInput}
          type="file"
          hidden
          data-testid="import-folder-input"
          // A folder picker: every file inside is imported (hidden files skipped).
          {...{ webkitdirectory: '' }}
          onChange={(ev) => {
            const files = filesOfFolderPick(ev.target.files);
            ev.target.value = '';
            void api.start(files, { stage: true });
          }}
        />
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="import-file-input"
          onChange={(ev) => {
            const files = Array.from(ev.target.files ?? []);
            // Reset so choosing the same file again still fires a change.
            ev.target.value = '';
            void api.start(files, { stage: true });
          }}
        />
      </Paper>

      <ImportProgressList runs={api.running} onCancel={api.cancel} />
      <ImportResults
        results={results}
        onClear={() => finished.forEach((r) => api.dismiss(r.id))}
        actions={{
          onImportValidRows: (name) => again(name, { validRowsOnly: true, stage: true }),
          onMapColumns: (name) => setMappingFile(finished.flatMap((r) => r.inputs).find((f) => f.name === name) ?? null),
          onReadAs: (name, format) => void api.restage(name, format),
          choiceOf: (id) => choices.get(id) ?? DEFAULT_CHOICE,
          onChoice: (id, choice) => setChoices((all) => new Map(all).set(id, choice)),
        }}
      />
      {staged.length > 0 && (
        <ReviewBar
          staged={staged}
          choices={choices}
          error={api.reviewError ? describeError(api.reviewError) : null}
          onFinish={(keep, discard) => void api.finishReview(keep, discard)}
        />
      )}
      <ImportHistory />
      {mappingFile && (
        <MappingDialog
          file={mappingFile}
          onClose={() => setMappingFile(null)}
          onSaved={() => {
            const file = mappingFile;
            setMappingFile(null);
            void api.start([file], { stage: true });
          }}
        />
      )}
    </Stack>
  );
}
