/*
 * download.c — the exports' way out: a private temporary file for svc to
 * write the spreadsheet into, and the answer that sends it. The file is
 * created with mkstemp (mode 0600, O_EXCL: it holds personal data) in
 * $TMPDIR or /tmp, unlinked as soon as it is opened for sending, and sent
 * from the open descriptor, so no copy outlives the request, whatever
 * happens to the connection.
 * Thread-safety: touches only the request and its own file.
 */
#include "util/dib.h"
#include "http/http_int.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

dib_code http__export_file(char *path, size_t cap, dib_err *err)
{
	const char *dir = getenv("TMPDIR");
	int n = snprintf(path, cap, "%s/dibao-export.123456", dir && *dir ? dir : "/tmp");
	if (n < 0 || (size_t)n >= cap)
		return dib_err_set(err, DIB_EIO, "导出文件创建失败");
	memset(path + n - 6, 'X', 6); /* mkstemp's template: six X's it replaces */
	int fd = mkstemp(path);
	if (fd < 0) {
		int e = errno;
		dib_err_set(err, DIB_EIO, "导出文件创建失败");
		dib_err_detail(err, "mkstemp %s: %s", path, strerror(e));
		return DIB_EIO;
	}
	close(fd);
	return DIB_OK;
}

enum MHD_Result http__send_xlsx(struct http_req *r, const char *path,
				const char *disposition)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path); /* the open descriptor keeps it readable until sent */
	struct stat st;
	if (fd < 0 || fstat(fd, &st)) {
		if (fd >= 0)
			close(fd);
		return http__send_code(r, DIB_EIO, "导出文件读取失败");
	}
	/* the response owns fd from here and closes it */
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (!resp) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, XLSX_TYPE);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, disposition);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	return http__queue(r, MHD_HTTP_OK, resp);
}
