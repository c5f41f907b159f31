/*
 * err_codes.h — the one table of dibao's error codes (an X-macro).
 *
 * Each row: name, stable number, HTTP status, default user text (Chinese).
 * The enum, dib_code_name(), dib_code_http() and dib_code_text() are all
 * generated from this table so they cannot drift. Numbers are stable: they
 * appear in logs and API answers; never renumber, only append.
 * Thread-safety: constant data.
 */
DIB_ERR(OK,          0, 200, "成功")
DIB_ERR(EINVAL,      1, 400, "输入不正确")
DIB_ERR(ENOMEM,      2, 500, "内存不足")
DIB_ERR(ENOTFOUND,   3, 404, "记录不存在")
DIB_ERR(ECONFLICT,   4, 409, "与已有数据冲突")
DIB_ERR(EIO,         5, 500, "文件读写失败")
DIB_ERR(EDB,         6, 500, "数据库错误")
DIB_ERR(EPERM,       7, 403, "没有权限")
DIB_ERR(EAUTH,       8, 401, "请先登录")
DIB_ERR(ETOOBIG,     9, 413, "内容超过大小限制")
DIB_ERR(EENCODING,  10, 400, "文字编码不正确")
DIB_ERR(ECSV,       11, 400, "CSV 格式不正确")
DIB_ERR(ECALENDAR,  12, 503, "节假日表缺少该年份")
DIB_ERR(ESCHEMA,    13, 500, "数据库版本不匹配")
DIB_ERR(EBUSY,      14, 503, "系统繁忙，请稍后再试")
DIB_ERR(ECANCELED,  15, 499, "操作已取消")
DIB_ERR(EUSAGE,     16, 400, "命令用法不正确")
DIB_ERR(EINTERNAL,  17, 500, "系统内部错误")
DIB_ERR(ELOCKED,    18, 423, "账户已锁定")
