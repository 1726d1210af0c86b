@echo off
rem VProp launcher of the distribution: "vprop --help" lists the commands (serve, install, backup, ...).
rem Java: JAVA_HOME, else the bundled jre\ (install.ps1 puts one there), else java on PATH.
setlocal
set "APP=%~dp0.."
set "JAVA=java"
if exist "%APP%\jre\bin\java.exe" set "JAVA=%APP%\jre\bin\java.exe"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" %VPROP_JAVA_OPTS% -cp "%APP%\lib\*" io.vprop.cli.VpropCli %*
exit /b %ERRORLEVEL%
