// Sends the files chosen in a file input to the host's upload API (POST api/uploads) straight over HTTP,
// streamed, not through the page's circuit; reports progress to .NET and returns the API's answer.
export function upload(input, progress) {
    return new Promise((resolve) => {
        const files = input && input.files ? Array.from(input.files) : [];
        if (files.length === 0) {
            resolve({ status: 0, body: '{"detail":"choose one or more files first"}' });
            return;
        }
        const form = new FormData();
        for (const file of files) {
            form.append('files', file, file.name);
        }
        const request = new XMLHttpRequest();
        request.open('POST', 'api/uploads');
        let last = 0;
        request.upload.onprogress = (e) => {
            const now = Date.now();
            if (e.lengthComputable && (now - last > 250 || e.loaded === e.total)) {
                last = now;
                progress.invokeMethodAsync('UploadProgressed', e.loaded, e.total);
            }
        };
        request.onload = () => resolve({ status: request.status, body: request.responseText });
        request.onerror = () => resolve({ status: 0, body: '{"detail":"the upload broke off: the host did not answer"}' });
        request.send(form);
    });
}

// The names of the chosen files, to show before sending.
export function chosen(input) {
    return input && input.files ? Array.from(input.files).map((f) => f.name + ' (' + f.size + ' bytes)') : [];
}
